package io.copilot.metrics.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.OwnerDatabase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Supabase splinter lints that apply to this schema, as tests against the migrated
 * database: what an API role can reach must never run with its owner's rights, and policies
 * must evaluate the caller's identity once per statement.
 */
@QuarkusTest
class DatabaseLintTest {

    /** Schemas an API (GraphQL here, PostgREST or a BI tool elsewhere) exposes to its callers. */
    private static final String EXPOSED = "('public', 'metrics')";

    @Test
    void noSecurityDefinerFunctionInAnExposedSchemaIsCallableByAnApiRole() throws SQLException {
        // lint 0028/0029: anon_/authenticated_security_definer_function_executable
        assertThat(names("""
                SELECT n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE p.prosecdef AND n.nspname IN """ + EXPOSED + """
                  AND (has_function_privilege('anon', p.oid, 'EXECUTE')
                       OR has_function_privilege('authenticated', p.oid, 'EXECUTE')
                       OR has_function_privilege('analytics_reader', p.oid, 'EXECUTE'))
                """)).isEmpty();
    }

    @Test
    void everyOwnerRightsFunctionFixesItsSearchPath() throws SQLException {
        // lint 0011: function_search_path_mutable, for the functions where it matters (owner rights)
        assertThat(names("""
                SELECT n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE p.prosecdef AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND NOT coalesce(array_to_string(p.proconfig, ',') LIKE '%search_path=%', false)
                """)).isEmpty();
    }

    @Test
    void noViewOrMaterializedViewOverTenantDataRunsWithItsOwnersRights() throws SQLException {
        // lint 0010: security_definer_view; materialized views have no row-level security at all
        assertThat(names("""
                SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname IN ('copilot_internal', 'metrics', 'public', 'copilot_private', 'unified')
                  AND ((c.relkind = 'v' AND NOT coalesce(c.reloptions @> ARRAY['security_invoker=true'], false))
                       OR (c.relkind = 'm' AND (has_table_privilege('authenticated', c.oid, 'SELECT')
                                                OR has_table_privilege('anon', c.oid, 'SELECT')
                                                OR has_table_privilege('analytics_reader', c.oid, 'SELECT'))))
                """)).isEmpty();
    }

    @Test
    void policiesEvaluateTheCallersIdentityOncePerStatement() throws SQLException {
        // lint 0003: auth_rls_initplan: current_tenant_id() etc. wrapped as (SELECT ...)
        List<String> policies = names("""
                SELECT schemaname || '.' || tablename || ' ' || policyname || ': ' || coalesce(qual, '') || ' / '
                       || coalesce(with_check, '')
                FROM pg_policies WHERE schemaname IN ('copilot_internal', 'unified', 'public')
                """);
        assertThat(policies).isNotEmpty();
        for (String policy : policies) {
            String withoutWrapped = policy.replaceAll("\\( SELECT (public\\.)?current_\\w+\\(\\) AS \\w+\\)", "");
            assertThat(withoutWrapped).as(policy).doesNotContainPattern("current_(tenant_id|user_id|jwt_claims|user_roles)\\(");
        }
    }

    @Test
    void thePolicyHelpersCanBeInlined() throws SQLException {
        // a helper with SET or owner rights is planned as a separate call for every table a statement reads
        assertThat(names("""
                SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = 'public'
                  AND p.proname IN ('current_jwt_claims', 'uuid_or_null', 'current_tenant_id', 'current_user_id')
                  AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'sql')
                  AND p.proconfig IS NULL AND NOT p.prosecdef AND p.provolatile <> 'v'
                """)).hasSize(4);
    }

    @Test
    void everyTenantTableHasRowLevelSecurityEnabledAndForced() throws SQLException {
        // lint 0013: rls_disabled_in_public, for every schema that holds tables
        assertThat(names("""
                SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
                  AND c.relname <> 'flyway_schema_history'
                  AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
                """)).isEmpty();
    }

    @Test
    void theMetricsFunctionsCanBeInlinedIntoTheCallersStatement() throws SQLException {
        // SQL, not STRICT, not volatile, no SET, not SECURITY DEFINER: otherwise PostgreSQL plans the
        // body on every call and row-level security is applied outside the caller's plan.
        assertThat(names("""
                SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = 'metrics' AND p.proretset
                  AND (p.prolang <> (SELECT oid FROM pg_language WHERE lanname = 'sql') OR p.proisstrict
                       OR p.provolatile = 'v' OR p.prosecdef OR p.proconfig IS NOT NULL)
                """)).isEmpty();
        assertThat(names("SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                + "WHERE n.nspname = 'metrics' AND p.proretset")).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void theWriteApiKeepsItsPlansBetweenCalls() throws SQLException {
        // a volatile set-returning SQL function is never inlined: PostgreSQL parses and plans its
        // body on every call, PL/pgSQL once per connection
        assertThat(names("""
                SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = 'usage' AND p.proretset
                  AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'plpgsql')
                """)).containsExactlyInAnyOrder("record", "reserve");
    }

    private static List<String> names(String sql) throws SQLException {
        return OwnerDatabase.firstColumn(sql);
    }
}
