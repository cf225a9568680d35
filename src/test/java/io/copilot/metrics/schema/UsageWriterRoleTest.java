package io.copilot.metrics.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.OwnerDatabase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the write path's database role may do: call the write API and nothing else. It holds
 * no privilege on any table or view, so nothing it writes escapes the functions that price and
 * check it, and it reads nothing.
 */
@QuarkusTest
class UsageWriterRoleTest {

    @Test
    void theRoleCannotLogInOrBypassRowLevelSecurityAndTheServiceLoginMayBecomeIt() throws SQLException {
        assertThat(OwnerDatabase.firstColumn("SELECT rolcanlogin OR rolsuper OR rolbypassrls OR rolcreaterole "
                + "FROM pg_roles WHERE rolname = 'usage_writer'")).containsExactly("f");
        assertThat(OwnerDatabase.firstColumn("SELECT pg_has_role('copilot_metrics_app', 'usage_writer', 'MEMBER')"))
                .containsExactly("t");
    }

    @Test
    void itHoldsNoPrivilegeOnAnyTableOrView() throws SQLException {
        assertThat(OwnerDatabase.firstColumn("""
                SELECT n.nspname || '.' || c.relname || ' ' || p.privilege
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                CROSS JOIN unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS p (privilege)
                WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND c.relkind IN ('r', 'p', 'v', 'm')
                  AND has_table_privilege('usage_writer', c.oid, p.privilege)
                """)).isEmpty();
    }

    @Test
    void itMayExecuteTheWriteApiAndOnlyTheOwnerRightsFunctionsBehindIt() throws SQLException {
        // what it can reach: EXECUTE on a function in a schema it may use
        assertThat(OwnerDatabase.firstColumn("""
                SELECT n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND has_schema_privilege('usage_writer', n.oid, 'USAGE')
                  AND has_function_privilege('usage_writer', p.oid, 'EXECUTE')
                ORDER BY 1
                """)).containsExactly("copilot_private.announce_refused_reservation",
                "copilot_private.prune_usage_receipts", "copilot_private.record_events",
                "copilot_private.record_sessions", "copilot_private.record_usage",
                "copilot_private.release_expired_reservations", "copilot_private.reserve_usage",
                "usage.announce_refused_reservation", "usage.prune_receipts", "usage.record",
                "usage.record_events", "usage.record_sessions", "usage.release_expired_reservations",
                "usage.reserve");
    }

    @Test
    void theWriteApiRunsWithTheCallersRightsAndIsClosedToTheReadRoles() throws SQLException {
        assertThat(OwnerDatabase.firstColumn("""
                SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = 'usage' AND (p.prosecdef
                      OR has_function_privilege('authenticated', p.oid, 'EXECUTE')
                      OR has_function_privilege('analytics_reader', p.oid, 'EXECUTE')
                      OR has_function_privilege('anon', p.oid, 'EXECUTE'))
                """)).isEmpty();
        assertThat(OwnerDatabase.firstColumn("SELECT has_schema_privilege(r, 'usage', 'USAGE') FROM unnest("
                + "ARRAY['anon', 'authenticated', 'analytics_reader']) AS r")).containsOnly("f");
    }
}
