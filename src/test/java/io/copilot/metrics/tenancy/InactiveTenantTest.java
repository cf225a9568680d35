package io.copilot.metrics.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.copilot.metrics.testsupport.ApiFixture;
import io.copilot.metrics.testsupport.GraphQLClient;
import io.copilot.metrics.testsupport.OwnerDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A suspended tenant reads nothing, however the caller names it: decided once, in the database's
 * tenant helper, so the token's claim and the tenant header cannot disagree.
 */
@QuarkusTest
@ExtendWith(ApiFixture.class)
class InactiveTenantTest {

    @Test
    void aSuspendedTenantReadsNothingThroughItsTokenOrTheHeader() throws SQLException {
        Map<String, Object> range = GraphQLClient.range();
        Map<String, String> umbrellaHeader = Map.of("X-Tenant-Id", ApiFixture.UMBRELLA.toString());
        assertThat(GraphQLClient.data(ApiFixture.umbrellaOwner(), "costByTenant", range).getList("data.costByTenant"))
                .as("precondition: umbrella has costs").isNotEmpty();
        assertThat(GraphQLClient.data(ApiFixture.platformAdmin(), "costByTenant", range, umbrellaHeader)
                .getList("data.costByTenant")).isNotEmpty();

        setStatus(ApiFixture.UMBRELLA, "suspended");
        try {
            assertThat(GraphQLClient.data(ApiFixture.umbrellaOwner(), "costByTenant", range)
                    .getList("data.costByTenant")).as("through the token's claim").isEmpty();
            assertThat(GraphQLClient.data(ApiFixture.umbrellaOwner(), "allCosts", Map.of())
                    .getList("data.allCosts.edges")).isEmpty();
            assertThat(GraphQLClient.data(ApiFixture.umbrellaOwner(), "quotaStatus", Map.of())
                    .getList("data.quotaStatus")).isEmpty();
            assertThat(GraphQLClient.data(ApiFixture.platformAdmin(), "costByTenant", range, umbrellaHeader)
                    .getList("data.costByTenant")).as("an administrator naming it in the header").isEmpty();
            JsonPath member = GraphQLClient.failure(ApiFixture.initechOwner(), "costByTenant", range, umbrellaHeader);
            assertThat(member.getString("errors[0].extensions.code")).as("a member naming it in the header")
                    .isEqualTo("FORBIDDEN");
            assertThat(GraphQLClient.data(ApiFixture.initechOwner(), "costByTenant", range)
                    .getList("data.costByTenant")).as("other tenants read on").isNotEmpty();
        } finally {
            setStatus(ApiFixture.UMBRELLA, "active");
        }
    }

    private static void setStatus(UUID tenant, String status) throws SQLException {
        try (Connection connection = OwnerDatabase.connect();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE copilot_internal.tenants SET status = ? WHERE id = ?")) {
            update.setString(1, status);
            update.setObject(2, tenant);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
