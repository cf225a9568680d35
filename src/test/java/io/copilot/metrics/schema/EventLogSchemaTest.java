package io.copilot.metrics.schema;

import static io.copilot.metrics.testsupport.FixtureTenant.ACME;
import static io.copilot.metrics.testsupport.OwnerDatabase.actAs;
import static io.copilot.metrics.testsupport.OwnerDatabase.count;
import static io.copilot.metrics.testsupport.OwnerDatabase.firstColumn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.OwnerDatabase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Seed 004's checklist, item by item, by name and by behaviour: the partitioned event table and
 * its partitions, the eight indexes, the metadata validation and its trigger, the three
 * materialized views and the maintenance functions, public.sessions with its indexes, trigger and
 * policies. Tenant isolation of all of it is TenantIsolationTest's.
 */
@QuarkusTest
class EventLogSchemaTest {

    private static final String TENANT = "'" + ACME.id() + "'";

    @Test
    void theEventTableIsPartitionedByMonthOnItsTime() throws SQLException {
        assertThat(firstColumn("""
                SELECT p.partstrat::text || ' ' || a.attname FROM pg_partitioned_table p
                JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]
                WHERE p.partrelid = 'unified.event_metric_events'::regclass
                """)).containsExactly("r occurred_at");
        LocalDate month = LocalDate.now(ZoneOffset.UTC);
        for (int ahead = 0; ahead <= 2; ahead++) {
            String name = "event_metric_events_" + month.plusMonths(ahead).format(DateTimeFormatter.ofPattern("yyyy_MM"));
            assertThat(firstColumn("SELECT to_regclass('unified." + name + "') IS NOT NULL")).as(name)
                    .containsExactly("t");
        }
    }

    @Test
    void createMonthlyPartitionNamesThePartitionAfterItsMonthAndBoundsItAtUtcMidnights() throws SQLException {
        OwnerDatabase.inRolledBackTransaction(connection -> {
            execute(connection, "SET LOCAL TIME ZONE 'America/New_York'");
            // the seed's first two partitions
            assertThat(firstColumn(connection, "SELECT unified.create_monthly_partition('2025-11-17')"))
                    .containsExactly("event_metric_events_2025_11");
            assertThat(firstColumn(connection, "SELECT unified.create_monthly_partition('2025-12-01')"))
                    .containsExactly("event_metric_events_2025_12");
            assertThat(firstColumn(connection, "SELECT unified.create_monthly_partition('2025-11-30')"))
                    .as("already there").containsExactly("event_metric_events_2025_11");
            execute(connection, "SET LOCAL TIME ZONE 'UTC'");
            assertThat(firstColumn(connection, "SELECT pg_get_expr(c.relpartbound, c.oid) FROM pg_class c "
                    + "WHERE c.oid = 'unified.event_metric_events_2025_11'::regclass")).containsExactly(
                    "FOR VALUES FROM ('2025-11-01 00:00:00+00') TO ('2025-12-01 00:00:00+00')");
            assertThat(firstColumn(connection, "SELECT relrowsecurity AND relforcerowsecurity FROM pg_class "
                    + "WHERE oid = 'unified.event_metric_events_2025_12'::regclass")).containsExactly("t");
        });
    }

    @Test
    void theEightIndexesExistOnTheTableAndEveryPartition() throws SQLException {
        List<String> seeds = List.of("idx_event_metric_events_timestamp", "idx_event_metric_events_type",
                "idx_event_metric_events_category", "idx_event_metric_events_source",
                "idx_event_metric_events_category_timestamp", "idx_event_metric_events_severity",
                "idx_event_metric_events_fts", "idx_event_metric_events_tenant_timestamp");
        assertThat(firstColumn("SELECT indexname FROM pg_indexes WHERE schemaname = 'unified' "
                + "AND tablename = 'event_metric_events'")).containsExactlyInAnyOrderElementsOf(seeds);
        // each partition carries its own copy of every one
        assertThat(firstColumn("""
                SELECT DISTINCT count(*) FROM pg_inherits t
                JOIN pg_index x ON x.indrelid = t.inhrelid
                JOIN pg_inherits xi ON xi.inhrelid = x.indexrelid
                WHERE t.inhparent = 'unified.event_metric_events'::regclass
                GROUP BY t.inhrelid
                """)).containsExactly("8");
        assertThat(firstColumn("SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_event_metric_events_fts'"))
                .singleElement().asString().contains("gin").contains("to_tsvector");
        assertThat(firstColumn("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'sessions' "
                + "AND indexname LIKE 'idx_%'")).containsExactlyInAnyOrder("idx_sessions_session_id",
                "idx_sessions_user_id", "idx_sessions_created_at", "idx_sessions_last_activity",
                "idx_sessions_expires_at");
    }

    @Test
    void theFunctionsTriggersAndPoliciesOfTheChecklistExist() throws SQLException {
        assertThat(firstColumn("SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n "
                + "ON n.oid = p.pronamespace WHERE n.nspname = 'unified'")).contains(
                "unified.create_monthly_partition(date)", "unified.validate_metadata(jsonb)",
                "unified.apply_metadata_validation()", "unified.cleanup_old_partitions(interval)",
                "unified.refresh_materialized_views(text[])");
        assertThat(firstColumn("SELECT tgrelid::regclass || ' ' || tgname FROM pg_trigger WHERE NOT tgisinternal "
                + "AND tgname IN ('trigger_apply_metadata_validation', 'trigger_update_sessions_timestamp') "
                + "AND tgparentid = 0")).containsExactlyInAnyOrder(
                "unified.event_metric_events trigger_apply_metadata_validation",
                "sessions trigger_update_sessions_timestamp");
        assertThat(firstColumn("SELECT schemaname || '.' || tablename || ': ' || policyname || ' ' || cmd || ' ' "
                + "|| array_to_string(roles, ',') FROM pg_policies WHERE schemaname IN ('unified', 'public')"))
                .contains("unified.event_metric_events: Allow service role full access ALL service_role",
                        "unified.event_metric_events: Allow authenticated users to read events SELECT authenticated",
                        "public.sessions: Allow service role full access ALL service_role",
                        "public.sessions: Allow authenticated users to read own sessions SELECT authenticated");
        assertThat(firstColumn("SELECT matviewname FROM pg_matviews WHERE schemaname = 'unified'"))
                .containsExactlyInAnyOrder("mv_recent_events", "mv_error_summary", "mv_performance_metrics");
    }

    @Test
    void validateMetadataAcceptsSmallObjectsOnly() throws SQLException {
        assertThat(firstColumn("""
                SELECT unified.validate_metadata(m) FROM (VALUES
                    ('{}'::jsonb), ('{"model": "gpt-4", "tokens": 12, "nested": {"a": [1, 2]}}'),
                    ('[]'), ('"text"'), ('null'),
                    ((SELECT jsonb_object_agg('k' || g, g) FROM generate_series(1, 65) g)),
                    (jsonb_build_object('big', repeat('x', 9000)))) AS v (m)
                """)).containsExactly("t", "t", "f", "f", "f", "f", "f");
    }

    @Test
    void theTriggerChecksEveryWriteAgainstItsCategorysRules() throws SQLException {
        OwnerDatabase.inRolledBackTransaction(connection -> {
            OwnerDatabase.loadTenant(connection, ACME);
            for (String[] refused : new String[][] {
                    {"performance", "{}", "duration_ms"}, {"performance", "{\"duration_ms\": -1}", "duration_ms"},
                    {"performance", "{\"duration_ms\": \"slow\"}", "duration_ms"}, {"error", "{}", "error_code"},
                    {"error", "{\"error_code\": 42}", "error_code"}, {"usage", "{}", "quantity"},
                    {"audit", "{\"action\": \"\"}", "action"}, {"system", "[1]", "JSON object"}}) {
                assertThatThrownBy(() -> execute(connection, "SAVEPOINT s; " + insert(refused[0], refused[1])))
                        .as("%s %s", refused[0], refused[1]).isInstanceOf(SQLException.class)
                        .hasMessageContaining(refused[2])
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
                execute(connection, "ROLLBACK TO SAVEPOINT s");
            }
            execute(connection, insert("performance", "{\"duration_ms\": 12.5}"));
            assertThat(firstColumn(connection, "SELECT duration_ms FROM unified.event_metric_events WHERE event_id = 'v'"))
                    .containsExactly("12.5");
            assertThatThrownBy(() -> execute(connection,
                    "UPDATE unified.event_metric_events SET metadata = '{}' WHERE event_id = 'v'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("duration_ms");
        });
    }

    @Test
    void eachMaterializedViewKeepsItsOwnWindow() throws SQLException {
        OwnerDatabase.inRolledBackTransaction(connection -> {
            OwnerDatabase.loadTenant(connection, ACME);
            for (String[] event : new String[][] {
                    {"p-recent", "performance", "info", "{\"duration_ms\": 10}", "20 minutes"},
                    {"p-old", "performance", "info", "{\"duration_ms\": 99}", "2 hours"},
                    {"e-recent", "error", "error", "{\"error_code\": \"x\"}", "3 days"},
                    {"e-old", "error", "critical", "{\"error_code\": \"x\"}", "8 days"},
                    {"s-yesterday", "system", "info", "{}", "30 hours"}}) {
                execute(connection, "INSERT INTO unified.event_metric_events (tenant_id, event_id, source, event_type, "
                        + "category, severity, metadata, occurred_at) VALUES (" + TENANT + ", '" + event[0]
                        + "', 'w', 'window.test', '" + event[1] + "', '" + event[2] + "', '" + event[3]
                        + "', now() - interval '" + event[4] + "')");
            }
            assertThat(firstColumn(connection, "SELECT unified.refresh_materialized_views()"))
                    .containsExactly("mv_recent_events", "mv_error_summary", "mv_performance_metrics");
            assertThat(firstColumn(connection, "SELECT event_id FROM unified.mv_recent_events WHERE source = 'w'"))
                    .containsExactlyInAnyOrder("p-recent", "p-old");
            assertThat(firstColumn(connection, "SELECT error_count || ' ' || critical_count FROM unified.mv_error_summary "
                    + "WHERE source = 'w'")).containsExactly("1 0");
            assertThat(firstColumn(connection, "SELECT event_count || ' ' || max_duration_ms FROM "
                    + "unified.mv_performance_metrics WHERE source = 'w'")).containsExactly("1 10");
            assertThatThrownBy(() -> execute(connection,
                    "SELECT unified.refresh_materialized_views(ARRAY['pg_class'])"))
                    .hasMessageContaining("no materialized view");
        });
    }

    @Test
    void aConcurrentRefreshDoesNotBlockReadersWhereAPlainOneWould() throws SQLException {
        try (Connection refresher = OwnerDatabase.connect(); Connection reader = OwnerDatabase.connect()) {
            refresher.setAutoCommit(false);
            reader.setAutoCommit(false);
            execute(refresher, "SELECT unified.refresh_materialized_views()");
            // the refresh's transaction is still open, holding its locks
            actAs(reader, "authenticated", ACME.claims());
            execute(reader, "SET LOCAL lock_timeout = '500ms'");
            assertThat(count(reader, "SELECT count(*) FROM metrics.error_summary")).isNotNegative();
            reader.rollback();
            refresher.rollback();

            execute(refresher, "REFRESH MATERIALIZED VIEW unified.mv_error_summary");
            actAs(reader, "authenticated", ACME.claims());
            execute(reader, "SET LOCAL lock_timeout = '500ms'");
            assertThatThrownBy(() -> count(reader, "SELECT count(*) FROM metrics.error_summary"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("55P03"));
            reader.rollback();
            refresher.rollback();
        }
    }

    @Test
    void cleanupDropsOnlyMonthsWhollyPastTheRetention() throws SQLException {
        OwnerDatabase.inRolledBackTransaction(connection -> {
            LocalDate thisMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
            execute(connection, "SELECT unified.create_monthly_partition('" + thisMonth.minusMonths(4) + "')");
            String expired = "event_metric_events_" + thisMonth.minusMonths(4).format(DateTimeFormatter.ofPattern("yyyy_MM"));
            List<String> dropped = firstColumn(connection, "SELECT unified.cleanup_old_partitions()");
            assertThat(dropped).contains(expired);
            assertThat(dropped).allSatisfy(name -> assertThat(name).isLessThan("event_metric_events_"
                    + thisMonth.minusMonths(2).format(DateTimeFormatter.ofPattern("yyyy_MM"))));
            assertThat(firstColumn(connection, "SELECT to_regclass('unified." + expired + "') IS NULL"))
                    .containsExactly("t");
            assertThatThrownBy(() -> execute(connection, "SELECT unified.cleanup_old_partitions('1 hour')"))
                    .hasMessageContaining("would drop the current month");
        });
    }

    @Test
    void theSessionsTimestampIsTouchedOnEveryUpdate() throws SQLException {
        OwnerDatabase.inRolledBackTransaction(connection -> {
            OwnerDatabase.loadTenant(connection, ACME);
            execute(connection, "UPDATE public.sessions SET updated_at = '2020-01-01' WHERE tenant_id = " + TENANT);
            assertThat(firstColumn(connection, "SELECT updated_at > '2020-01-02' FROM public.sessions WHERE tenant_id = "
                    + TENANT)).as("the trigger set it to now, not to the value given").containsExactly("t");
        });
    }

    private static String insert(String category, String metadata) {
        return "INSERT INTO unified.event_metric_events (tenant_id, event_id, source, event_type, category, metadata, "
                + "occurred_at) VALUES (" + TENANT + ", 'v', 'test', 'validation', '" + category + "', '" + metadata
                + "', now())";
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
