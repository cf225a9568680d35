package io.copilot.metrics.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.OwnerDatabase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Races many connections against one quota. Each call runs on its own connection and commits,
 * as concurrent backends would; all start together behind a latch.
 */
@QuarkusTest
class QuotaConcurrencyTest {

    private static final int RACERS = 60;

    private UUID tenantId;

    @BeforeEach
    void createTenantWithAQuotaOfThirtyDollars() throws SQLException {
        tenantId = UUID.randomUUID();
        try (Connection connection = OwnerDatabase.connect();
                PreparedStatement tenant = connection.prepareStatement(
                        "INSERT INTO copilot_internal.tenants (id, slug, name) VALUES (?, ?, 'Quota race')");
                PreparedStatement quota = connection.prepareStatement("""
                        UPDATE copilot_internal.cost_quotas SET limit_usd = 30
                        WHERE scope = 'tenant' AND scope_id = ? AND resource_type IN ('llm', 'e2b')
                        """)) {
            tenant.setObject(1, tenantId);
            tenant.setString(2, "race-" + tenantId.toString().substring(0, 8));
            tenant.execute();
            quota.setObject(1, tenantId);
            assertThat(quota.executeUpdate()).as("quotas created for the new tenant").isEqualTo(2);
        }
    }

    @AfterEach
    void dropTenant() throws SQLException {
        try (Connection connection = OwnerDatabase.connect();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM copilot_internal.tenants WHERE id = ?")) {
            delete.setObject(1, tenantId);
            delete.execute();
        }
    }

    @Test
    void concurrentCheckAndIncrementNeverPassesTheLimit() throws Exception {
        List<Boolean> verdicts = race(connection -> {
            try (PreparedStatement call = connection.prepareStatement(
                    "SELECT allowed FROM copilot_internal.check_and_increment_quota('tenant', ?, 'llm', 1)")) {
                call.setObject(1, tenantId);
                try (ResultSet rs = call.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });

        assertThat(verdicts.stream().filter(Boolean::booleanValue).count()).isEqualTo(30);
        assertThat(spend("llm")).isEqualByComparingTo("30");
    }

    @Test
    void concurrentSpendIncrementsAreNeverLost() throws Exception {
        race(connection -> {
            try (PreparedStatement call = connection.prepareStatement(
                    "SELECT copilot_internal.increment_e2b_quota_spend('tenant', ?, 0.25)")) {
                call.setObject(1, tenantId);
                call.execute();
                return true;
            }
        });

        assertThat(spend("e2b")).isEqualByComparingTo(BigDecimal.valueOf(RACERS).multiply(new BigDecimal("0.25")));
    }

    @FunctionalInterface
    private interface QuotaCall {
        boolean call(Connection connection) throws SQLException;
    }

    private List<Boolean> race(QuotaCall quotaCall) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        CountDownLatch ready = new CountDownLatch(RACERS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                Callable<Boolean> racer = () -> {
                    try (Connection connection = OwnerDatabase.connect()) {
                        ready.countDown();
                        start.await();
                        return quotaCall.call(connection);
                    }
                };
                futures.add(pool.submit(racer));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).as("all racers connected").isTrue();
            start.countDown();
            List<Boolean> results = new ArrayList<>();
            for (Future<Boolean> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private BigDecimal spend(String resourceType) throws SQLException {
        try (Connection connection = OwnerDatabase.connect();
                PreparedStatement query = connection.prepareStatement("""
                        SELECT current_spend_usd FROM copilot_internal.cost_quotas
                        WHERE scope = 'tenant' AND scope_id = ? AND resource_type = ?
                        """)) {
            query.setObject(1, tenantId);
            query.setString(2, resourceType);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }
}
