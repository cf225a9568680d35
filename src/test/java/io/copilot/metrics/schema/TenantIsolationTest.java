package io.copilot.metrics.schema;

import static io.copilot.metrics.testsupport.FixtureTenant.ACME;
import static io.copilot.metrics.testsupport.FixtureTenant.GLOBEX;
import static io.copilot.metrics.testsupport.OwnerDatabase.actAs;
import static io.copilot.metrics.testsupport.OwnerDatabase.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.OwnerDatabase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Tenant isolation, driven by the catalog: every table and view in copilot_internal, metrics,
 * unified (the event log) and public is checked, so one added later is covered without editing
 * this test (and fails it until the fixture gives it rows for both tenants). Partitions and
 * materialized views apply no policy of their own: they must be closed to every API role. Two
 * tenants are loaded from fixtures/tenant.sql in a transaction that is rolled back afterwards.
 */
@QuarkusTest
class TenantIsolationTest {

    /** Reference data every caller may read; nothing in them belongs to a tenant. */
    private static final Set<String> GLOBAL = Set.of("copilot_internal.model_pricing", "copilot_internal.e2b_pricing",
            "metrics.llm_prices", "metrics.e2b_prices");

    /**
     * Views of the materialized views: owner-rights functions answer the caller's tenant, or
     * every tenant to analytics_reader, and nothing to a session that has not become an API role
     * (the fixture's owner); so the fixture's rows in them are counted as analytics_reader.
     */
    private static final Set<String> SUMMARIES = Set.of("metrics.recent_events", "metrics.error_summary",
            "metrics.performance_metrics");

    /** Relations whose isolation key is not a tenant_id column. */
    private static final String TENANTS = "copilot_internal.tenants";
    private static final String USER_PREFERENCES = "copilot_internal.user_preferences";

    record Relation(String schema, String name, char kind, String key) {

        String qualified() {
            return '"' + schema + "\".\"" + name + '"';
        }

        String label() {
            return schema + "." + name;
        }

        boolean isTable() {
            return kind == 'r' || kind == 'p';
        }

        boolean userScoped() {
            return label().equals(USER_PREFERENCES);
        }

        Object ownerOf(UUID tenantId, UUID userId) {
            return userScoped() ? userId : tenantId;
        }
    }

    @Test
    void everyRelationHasAnIsolationKeyAndFixtureRowsForBothTenants() throws SQLException {
        OwnerDatabase.inRolledBackTransaction(connection -> {
            loadBothTenants(connection);
            List<Relation> relations = tenantRelations(connection);
            assertThat(relations).hasSizeGreaterThanOrEqualTo(16 + 7 + 14 + 2 + 5);
            for (Relation relation : relations) {
                Savepoint asOwner = connection.setSavepoint();
                if (SUMMARIES.contains(relation.label())) {
                    actAs(connection, "analytics_reader", null);
                }
                for (var tenant : List.of(ACME, GLOBEX)) {
                    assertThat(rowsOwnedBy(connection, relation, relation.ownerOf(tenant.id(), tenant.userId())))
                            .as("fixture rows of %s in %s", tenant.slug(), relation.label())
                            .isPositive();
                }
                connection.rollback(asOwner);
            }
        });
    }

    @Test
    void authenticatedTenantSeesItsOwnRowsAndNoneOfAnotherTenant() throws SQLException {
        OwnerDatabase.inRolledBackTransaction(connection -> {
            loadBothTenants(connection);
            List<Relation> relations = tenantRelations(connection);
            actAs(connection, "authenticated", ACME.claims());
            for (Relation relation : relations) {
                Object own = relation.ownerOf(ACME.id(), ACME.userId());
                assertThat(count(connection, "SELECT count(*) FROM " + relation.qualified()
                        + " WHERE " + relation.key() + " IS DISTINCT FROM ?", own))
                        .as("rows of other tenants visible to acme in %s", relation.label())
                        .isZero();
                assertThat(rowsOwnedBy(connection, relation, own))
                        .as("acme's own rows in %s", relation.label())
                        .isPositive();
            }
        });
    }

    @Test
    void authenticatedWithoutClaimsSeesNoTenantRows() throws SQLException {
        OwnerDatabase.inRolledBackTransaction(connection -> {
            loadBothTenants(connection);
            List<Relation> relations = tenantRelations(connection);
            for (String claims : new String[] {null, "{}", "{\"tenant_id\":\"not-a-uuid\",\"sub\":\"x\"}"}) {
                actAs(connection, "authenticated", claims);
                for (Relation relation : relations) {
                    assertThat(count(connection, "SELECT count(*) FROM " + relation.qualified()))
                            .as("rows visible in %s with claims %s", relation.label(), claims)
                            .isZero();
                }
            }
        });
    }

    @Test
    void anonCanReadNothing() throws SQLException {
        OwnerDatabase.inRolledBackTransaction(connection -> {
            loadBothTenants(connection);
            List<Relation> relations = new ArrayList<>(tenantRelations(connection));
            actAs(connection, "anon", ACME.claims());
            for (Relation relation : relations) {
                assertRefused(connection, "SELECT count(*) FROM " + relation.qualified(), relation.label());
            }
        });
    }

    @Test
    void analyticsReaderReadsEveryTenantButCannotWrite() throws SQLException {
        OwnerDatabase.inRolledBackTransaction(connection -> {
            loadBothTenants(connection);
            List<Relation> relations = tenantRelations(connection);
            List<Relation> readable = new ArrayList<>();
            for (Relation relation : relations) {
                if (hasPrivilege(connection, "analytics_reader", relation, "SELECT")) {
                    readable.add(relation);
                }
                assertThat(hasPrivilege(connection, "analytics_reader", relation, "INSERT")
                        || hasPrivilege(connection, "analytics_reader", relation, "UPDATE")
                        || hasPrivilege(connection, "analytics_reader", relation, "DELETE")
                        || hasPrivilege(connection, "analytics_reader", relation, "TRUNCATE"))
                        .as("analytics_reader may write %s", relation.label())
                        .isFalse();
            }
            // the seeds' 14 tenant views, metrics.tenants and the event log's 5 (the price views are GLOBAL)
            assertThat(readable).extracting(Relation::schema).filteredOn("metrics"::equals).hasSize(20);

            actAs(connection, "analytics_reader", null);
            for (Relation relation : readable) {
                for (var tenant : List.of(ACME, GLOBEX)) {
                    assertThat(rowsOwnedBy(connection, relation, tenant.id()))
                            .as("%s rows of %s visible to analytics_reader", relation.label(), tenant.slug())
                            .isPositive();
                }
            }
            assertRefused(connection, "DELETE FROM copilot_internal.llm_cost_records", "delete costs");
            assertRefused(connection, "UPDATE copilot_internal.cost_quotas SET limit_usd = 0", "update quotas");
            assertRefused(connection, "INSERT INTO copilot_internal.tenants (slug, name) VALUES ('evil', 'Evil')",
                    "insert tenant");
        });
    }

    @Test
    void authenticatedTenantCannotWriteRowsForAnotherTenant() throws SQLException {
        OwnerDatabase.inRolledBackTransaction(connection -> {
            loadBothTenants(connection);
            List<Relation> tables = tenantRelations(connection).stream()
                    .filter(Relation::isTable)
                    .filter(relation -> !relation.userScoped())
                    .toList();
            actAs(connection, "authenticated", ACME.claims());
            for (Relation table : tables) {
                String overrides = table.key().equals("id")
                        ? "jsonb_build_object('id', ?::uuid)"
                        : "jsonb_build_object('id', gen_random_uuid(), '" + table.key() + "', ?::uuid)";
                // Copy one of acme's own rows, re-labelled as globex's.
                assertRefused(connection, "INSERT INTO " + table.qualified()
                        + " SELECT (jsonb_populate_record(NULL::" + table.qualified() + ", to_jsonb(src) || "
                        + overrides + ")).* FROM " + table.qualified() + " src WHERE " + table.key()
                        + " = '" + ACME.id() + "' LIMIT 1", "insert for globex into " + table.label(), GLOBEX.id());
                assertRefused(connection, "UPDATE " + table.qualified() + " SET " + table.key() + " = ?::uuid",
                        "move acme's rows to globex in " + table.label(), GLOBEX.id());
            }
        });
    }

    @Test
    void partitionsAndMaterializedViewsAreClosedToEveryApiRole() throws SQLException {
        OwnerDatabase.inRolledBackTransaction(connection -> {
            loadBothTenants(connection);
            List<String> closed = OwnerDatabase.firstColumn(connection, """
                    SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'unified' AND ((c.relispartition AND c.relkind = 'r') OR c.relkind = 'm')
                    ORDER BY 1
                    """);
            // the six partitions the migration creates (three months back, two ahead) and the three views
            assertThat(closed).hasSizeGreaterThanOrEqualTo(6 + 3);
            // as the owner: the fixture's events are in the partitions, so there is something to leak
            long rowsInPartitions = 0;
            for (String partition : closed) {
                if (partition.startsWith("unified.event_metric_events_")) {
                    rowsInPartitions += count(connection, "SELECT count(*) FROM " + partition);
                }
            }
            assertThat(rowsInPartitions).isGreaterThanOrEqualTo(4);
            for (String role : List.of("anon", "authenticated", "analytics_reader", "service_role", "usage_writer",
                    "event_maintainer")) {
                for (String relation : closed) {
                    for (String privilege : List.of("SELECT", "INSERT", "UPDATE", "DELETE")) {
                        assertThat(OwnerDatabase.firstColumn(connection, "SELECT has_table_privilege('" + role
                                + "', '" + relation + "', '" + privilege + "')"))
                                .as("%s may %s %s", role, privilege, relation).containsExactly("f");
                    }
                }
            }
            for (String role : List.of("authenticated", "analytics_reader")) {
                actAs(connection, role, ACME.claims());
                for (String relation : closed) {
                    assertRefused(connection, "SELECT count(*) FROM " + relation, role + " reads " + relation);
                }
            }
        });
    }

    private static void loadBothTenants(Connection connection) throws SQLException {
        OwnerDatabase.loadTenant(connection, ACME);
        OwnerDatabase.loadTenant(connection, GLOBEX);
        // the materialized views hold what was committed when last refreshed: refreshed here, with the fixture
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT unified.refresh_materialized_views()");
        }
    }

    private static List<Relation> tenantRelations(Connection connection) throws SQLException {
        List<Relation> relations = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                        SELECT n.nspname, c.relname, c.relkind,
                               EXISTS (SELECT 1 FROM pg_attribute a
                                       WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
                        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname IN ('copilot_internal', 'metrics', 'unified', 'public')
                          AND c.relkind IN ('r', 'p', 'v', 'm')
                          -- closed to every API role instead (partitionsAndMaterializedViewsAreClosedToEveryApiRole)
                          AND NOT c.relispartition AND NOT (n.nspname = 'unified' AND c.relkind = 'm')
                          AND c.relname <> 'flyway_schema_history'
                        ORDER BY 1, 2
                        """)) {
            while (rs.next()) {
                String label = rs.getString(1) + "." + rs.getString(2);
                if (GLOBAL.contains(label)) {
                    continue;
                }
                String key = rs.getBoolean(4) ? "tenant_id"
                        : label.equals(TENANTS) ? "id"
                        : label.equals(USER_PREFERENCES) ? "user_id"
                        : null;
                if (key == null) {
                    fail("%s has no tenant_id column: give it one, or declare it GLOBAL in this test", label);
                }
                relations.add(new Relation(rs.getString(1), rs.getString(2), rs.getString(3).charAt(0), key));
            }
        }
        return relations;
    }

    private static long rowsOwnedBy(Connection connection, Relation relation, Object owner) throws SQLException {
        return count(connection, "SELECT count(*) FROM " + relation.qualified() + " WHERE " + relation.key() + " = ?",
                owner);
    }

    private static boolean hasPrivilege(Connection connection, String role, Relation relation, String privilege)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT has_table_privilege(?, ?, ?)")) {
            statement.setString(1, role);
            statement.setString(2, relation.qualified());
            statement.setString(3, privilege);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The statement must fail with insufficient_privilege (42501): RLS violation or missing grant. */
    private static void assertRefused(Connection connection, String sql, String what, Object... parameters)
            throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            boolean hasRows = statement.execute();
            long affected = hasRows ? -1 : statement.getUpdateCount();
            fail("%s was allowed (%s)", what, hasRows ? "returned rows" : affected + " rows changed");
        } catch (SQLException e) {
            assertThat(e.getSQLState()).as("%s: %s", what, e.getMessage()).isEqualTo("42501");
        } finally {
            connection.rollback(savepoint);
        }
    }
}
