package io.copilot.metrics.tenancy;

import static io.copilot.metrics.testsupport.ApiFixture.INITECH;
import static io.copilot.metrics.testsupport.ApiFixture.INITECH_OWNER;
import static io.copilot.metrics.testsupport.ApiFixture.PAGINATED;
import static io.copilot.metrics.testsupport.ApiFixture.PAGINATED_OWNER;
import static io.copilot.metrics.testsupport.ApiFixture.UMBRELLA;
import static io.copilot.metrics.testsupport.ApiFixture.UMBRELLA_OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

import io.copilot.metrics.testsupport.ApiFixture;
import io.copilot.metrics.testsupport.GraphQLClient;
import io.copilot.metrics.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Many tenants' requests interleaved over a pool of two connections: if any identity leaked
 * from one transaction to the next on a reused connection, some answer would carry another
 * tenant's numbers.
 */
@QuarkusTest
@ExtendWith(ApiFixture.class)
@TestProfile(SharedPoolIsolationTest.TwoConnections.class)
class SharedPoolIsolationTest {

    public static class TwoConnections implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.max-size", "2");
        }
    }

    record Expectation(UUID tenant, String token, BigDecimal total) {
    }

    @Test
    void everyInterleavedAnswerIsTheCallersTenant() throws Exception {
        List<Expectation> tenants = List.of(
                new Expectation(INITECH, Tokens.forUser(INITECH_OWNER, INITECH), new BigDecimal("0.69")),
                new Expectation(UMBRELLA, Tokens.forUser(UMBRELLA_OWNER, UMBRELLA), new BigDecimal("3")),
                new Expectation(PAGINATED, Tokens.forUser(PAGINATED_OWNER, PAGINATED), new BigDecimal("0.0255")));
        ExecutorService clients = Executors.newFixedThreadPool(12);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                Expectation expected = tenants.get(i % tenants.size());
                answers.add(clients.submit(() -> verify(expected)));
            }
            for (Future<String> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo("ok");
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void pooledConnectionsCarryNoIdentityBetweenTransactions() throws Exception {
        everyInterleavedAnswerIsTheCallersTenant();
        // Both connections of the pool, outside any request transaction.
        List<Row> rows = Uni.join().all(List.of(
                sessionState(), sessionState())).andFailFast().await().atMost(Duration.ofSeconds(10));
        for (Row row : rows) {
            assertThat(row.getString("user_name")).isEqualTo("copilot_metrics_app");
            assertThat(row.getString("claims")).isNullOrEmpty();
        }
    }

    @Inject
    Pool pool;

    private Uni<Row> sessionState() {
        return pool.query("SELECT current_user AS user_name, current_setting('request.jwt.claims', true) AS claims, "
                + "pg_sleep(0.2)").execute().map(rows -> rows.iterator().next());
    }

    private static String verify(Expectation expected) {
        JsonPath json = GraphQLClient.data(expected.token(), "costByTenant", GraphQLClient.range());
        List<String> tenantIds = json.getList("data.costByTenant.tenantId", String.class);
        if (!tenantIds.equals(List.of(expected.tenant().toString()))) {
            return "expected only " + expected.tenant() + " but got " + tenantIds;
        }
        BigDecimal total = new BigDecimal(json.getString("data.costByTenant[0].totalCostUsd"));
        return total.compareTo(expected.total()) == 0 ? "ok" : "wrong total " + total + " for " + expected.tenant();
    }
}
