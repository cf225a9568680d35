package io.copilot.metrics.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.copilot.metrics.testsupport.ApiFixture;
import io.copilot.metrics.testsupport.GraphQLClient;
import io.copilot.metrics.testsupport.OwnerDatabase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * A stalled database (a table locked, the one pooled connection taken) costs a request at most
 * the statement timeout or the pool wait, each answered 503 UNAVAILABLE; readiness does not
 * queue behind the API and answers within a second.
 */
@QuarkusTest
@ExtendWith(ApiFixture.class)
@TestProfile(StalledDatabaseTest.OneConnection.class)
class StalledDatabaseTest {

    public static class OneConnection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.max-size", "1",
                    "copilot-metrics.database.statement-timeout", "4s",
                    "copilot-metrics.database.pool-wait-timeout", "1s");
        }
    }

    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    /** Until the first request's statement waits on the lock, so it holds the one pooled connection. */
    private static void awaitALockWait() throws Exception {
        for (int i = 0; i < 100; i++) {
            if (!OwnerDatabase.firstColumn("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    + "AND datname = current_database()").isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no request waits on the lock");
    }

    @Test
    void aStalledDatabaseCostsBoundedTimeAndReadinessStaysPrompt() throws Exception {
        try (Connection locker = OwnerDatabase.connect(); Statement lock = locker.createStatement()) {
            locker.setAutoCommit(false);
            lock.execute("LOCK TABLE copilot_internal.cost_quotas IN ACCESS EXCLUSIVE MODE");

            CompletableFuture<Response> blocked = CompletableFuture.supplyAsync(
                    () -> GraphQLClient.post(ApiFixture.initechOwner(), "quotaStatus", Map.of(), Map.of()));
            awaitALockWait();
            // timed from when its statement is seen waiting: the start-up's own maintenance may hold
            // the one connection first (on a slow machine that put the total at 7,035 ms)
            long statementWaiting = System.nanoTime();
            // timed from its own start: how long the second request waits for the one connection
            long waitStarted = System.nanoTime();
            Response waiting = GraphQLClient.post(ApiFixture.umbrellaOwner(), "costByTenant", GraphQLClient.range(),
                    Map.of());
            long waitedMillis = (System.nanoTime() - waitStarted) / 1_000_000;
            assertThat(waiting.statusCode()).as(waiting.asString()).isEqualTo(503);
            assertThat(waiting.jsonPath().getString("errors[0].extensions.code")).isEqualTo("UNAVAILABLE");
            assertThat(waitedMillis).as("waited for a connection, ms").isLessThan(3_000);

            long probeStarted = System.nanoTime();
            int probe = given().get(readiness).statusCode();
            assertThat((System.nanoTime() - probeStarted) / 1_000_000).as("readiness, ms").isLessThan(1_000);
            assertThat(probe).isEqualTo(200);

            Response timedOut = blocked.get(10, TimeUnit.SECONDS);
            assertThat(timedOut.statusCode()).as(timedOut.asString()).isEqualTo(503);
            assertThat(timedOut.jsonPath().getString("errors[0].extensions.code")).isEqualTo("UNAVAILABLE");
            assertThat((System.nanoTime() - statementWaiting) / 1_000_000).as("statement timeout (4 s), ms")
                    .isLessThan(5_500);
            locker.rollback();
        }
        assertThat(GraphQLClient.post(ApiFixture.initechOwner(), "quotaStatus", Map.of(), Map.of()).statusCode())
                .isEqualTo(200);
    }
}
