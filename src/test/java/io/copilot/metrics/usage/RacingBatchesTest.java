package io.copilot.metrics.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.OwnerDatabase;
import io.copilot.metrics.testsupport.UsageTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Batches of recorded usage racing each other on the same tenants' rollup rows, as the write
 * API's usage_writer sends them: batches of different sizes over different hours lock the same
 * rollup rows, and must lock them in one order, or two of them deadlock (40P01). The rollups
 * must then still add up to exactly what was recorded.
 */
@QuarkusTest
class RacingBatchesTest {

    private static final int WRITERS = 8;
    private static final int BATCHES_EACH = 25;

    @Test
    void racingBatchesOverTheSameRollupRowsNeverDeadlockAndAddUpExactly() throws Exception {
        List<UsageTenant> tenants = List.of(UsageTenant.create(), UsageTenant.create(), UsageTenant.create());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<List<String>>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(() -> {
                Random random = new Random(writer);
                List<String> failures = new ArrayList<>();
                try (Connection connection = OwnerDatabase.connect()) {
                    start.await();
                    for (int b = 0; b < BATCHES_EACH; b++) {
                        JsonArray batch = new JsonArray();
                        int size = 1 + random.nextInt(40);
                        for (int i = 0; i < size; i++) {
                            batch.add(new JsonObject().put("kind", "llm")
                                    .put("tenantId", tenants.get(random.nextInt(tenants.size())).tenantId())
                                    .put("idempotencyKey", "race-" + writer + "-" + b + "-" + i)
                                    .put("provider", "openai").put("model", "gpt-4o").put("inputTokens", 1000 + i)
                                    .put("outputTokens", 200)
                                    .put("occurredAt", now.minusHours(random.nextInt(30)).toString()));
                        }
                        try {
                            record(connection, batch);
                        } catch (SQLException failed) {
                            connection.rollback();
                            failures.add(failed.getSQLState() + " " + failed.getMessage());
                        }
                    }
                }
                return failures;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<String> failures = new ArrayList<>();
        try {
            List<Future<List<String>>> done = new ArrayList<>();
            writers.forEach(writer -> done.add(pool.submit(writer)));
            start.countDown();
            for (Future<List<String>> writer : done) {
                failures.addAll(writer.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(failures).isEmpty();
        for (UsageTenant tenant : tenants) {
            BigDecimal recorded = sum("SELECT coalesce(sum(total_cost_usd), 0) FROM copilot_internal.llm_cost_records "
                    + "WHERE tenant_id = ?", tenant.id());
            assertThat(recorded).isPositive();
            for (String grain : List.of("hour", "day", "month")) {
                assertThat(sum("SELECT coalesce(sum(cost_usd), 0) FROM copilot_internal.cost_rollups "
                        + "WHERE tenant_id = ? AND grain = '" + grain + "'", tenant.id())).as(grain)
                        .isEqualByComparingTo(recorded);
            }
        }
    }

    /** One batch in a transaction of its own, as usage_writer (TenantDatabase.recordUsage does the same). */
    private static void record(Connection connection, JsonArray batch) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement become = connection.createStatement();
                PreparedStatement record = connection.prepareStatement(
                        "SELECT count(*) FILTER (WHERE r.error_sqlstate IS NOT NULL) FROM usage.record(?::jsonb) r")) {
            become.execute("SELECT set_config('role', 'usage_writer', true), set_config('request.jwt.claims', "
                    + "'{\"sub\":\"racing-batches\",\"roles\":[\"usage-writer\"]}', true)");
            record.setString(1, batch.encode());
            try (ResultSet failed = record.executeQuery()) {
                failed.next();
                assertThat(failed.getLong(1)).as("items refused").isZero();
            }
            connection.commit();
        }
    }

    private static BigDecimal sum(String sql, UUID tenant) throws SQLException {
        try (Connection connection = OwnerDatabase.connect();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, tenant);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBigDecimal(1);
            }
        }
    }
}
