package io.copilot.metrics.costs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.copilot.metrics.testsupport.ApiFixture;
import io.copilot.metrics.testsupport.GraphQLClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Every statement the read API sends is a named prepared statement, planned once per connection:
 * one longer than the client's cache limit (2,048 characters) would be parsed and planned on every
 * call. With a pool of one connection, after each query has run, that connection's
 * pg_prepared_statements holds each statement the service sent.
 */
@QuarkusTest
@ExtendWith(ApiFixture.class)
@TestProfile(PreparedStatementCacheTest.OneConnection.class)
class PreparedStatementCacheTest {

    public static class OneConnection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.max-size", "1");
        }
    }

    /** Each read query, and what its statement reads. */
    private static final Map<String, String> TENANT_QUERIES = Map.of(
            "costByTenant", "metrics.cost_by_tenant_between",
            "costByUser", "metrics.cost_by_user_between",
            "costByConversation", "metrics.cost_by_conversation_between",
            "costEstimates", "metrics.cost_estimates",
            "costSeries", "metrics.cost_series",
            "allCosts", "metrics.all_costs",
            "llmModelUsage", "metrics.llm_model_usage_between",
            "e2bSandboxUsage", "metrics.e2b_sandbox_usage_between",
            "quotaStatus", "metrics.quota_status",
            "me", "metrics.my_memberships");
    private static final Map<String, String> ADMIN_QUERIES = Map.of(
            "topSpendingTenants", "metrics.top_spending_tenants_between",
            "tenantTotalCosts", "metrics.tenant_total_costs_between");

    @Inject
    Pool pool;

    @Test
    void everyStatementTheApiSendsIsPreparedOnce() {
        TENANT_QUERIES.keySet().forEach(document -> GraphQLClient.data(ApiFixture.initechOwner(), document, Map.of()));
        ADMIN_QUERIES.keySet().forEach(document -> GraphQLClient.data(ApiFixture.platformAdmin(), document, Map.of()));

        List<String> prepared = new ArrayList<>();
        for (Row row : pool.query("SELECT statement FROM pg_prepared_statements").execute()
                .await().atMost(Duration.ofSeconds(10))) {
            prepared.add(row.getString(0));
        }
        assertThat(prepared).as("the caller's identity, set first in every transaction")
                .anyMatch(statement -> statement.contains("set_config('request.jwt.claims'"));
        TENANT_QUERIES.forEach((document, reads) -> assertThat(prepared).as(document + " prepared")
                .anyMatch(statement -> statement.contains(reads)));
        ADMIN_QUERIES.forEach((document, reads) -> assertThat(prepared).as(document + " prepared")
                .anyMatch(statement -> statement.contains(reads)));
    }
}
