package io.copilot.metrics.costs;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.OwnerDatabase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A cost in an hour that already has costs updates its tenant's hour, day and month rollups in
 * place (HOT: no column an index holds changes), so a steady stream of records leaves no dead
 * row versions and index entries behind for later lookups to step over (V35; V36 keeps room on
 * each page for those updates).
 */
@QuarkusTest
class RollupUpdatesInPlaceTest {

    private static final String TENANT = "7035aaaa-0000-4000-8000-000000000035";

    @Test
    void aSecondCostInTheSameHourUpdatesTheThreeRollupsInPlace() throws SQLException {
        OwnerDatabase.inRolledBackTransaction(connection -> {
            execute(connection, "INSERT INTO copilot_internal.tenants (id, slug, name) VALUES ('" + TENANT
                    + "', 'rollups-in-place', 'Rollups in place')");
            insertCost(connection, "2026-11-05T10:15:00Z");
            long[] before = updates(connection);
            insertCost(connection, "2026-11-05T10:40:00Z");
            long[] after = updates(connection);

            assertThat(after[0] - before[0]).as("rollup rows updated: hour, day, month").isEqualTo(3);
            assertThat(after[1] - before[1]).as("of them in place (HOT)").isEqualTo(3);
        });
    }

    private static void insertCost(Connection connection, String at) throws SQLException {
        execute(connection, "INSERT INTO copilot_internal.llm_cost_records (tenant_id, provider, model, input_tokens, "
                + "input_cost_usd, output_cost_usd, total_cost_usd, occurred_at) VALUES ('" + TENANT
                + "', 'openai', 'gpt-4o', 100, 0.25, 0, 0.25, '" + at + "')");
    }

    /** This transaction's updates of cost_rollups so far: all, and those that were HOT. */
    private static long[] updates(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(
                "SELECT pg_stat_get_xact_tuples_updated(c.oid), pg_stat_get_xact_tuples_hot_updated(c.oid) "
                        + "FROM pg_class c WHERE c.oid = 'copilot_internal.cost_rollups'::regclass")) {
            row.next();
            return new long[] {row.getLong(1), row.getLong(2)};
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
