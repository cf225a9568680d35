package io.copilot.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.copilot.metrics.testsupport.ApiFixture;
import io.copilot.metrics.testsupport.GraphQLClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** One setting drives both the default and the bound of page sizes and limits, as the README states. */
@QuarkusTest
@ExtendWith(ApiFixture.class)
@TestProfile(ConfiguredLimitsTest.SmallPages.class)
class ConfiguredLimitsTest {

    public static class SmallPages implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("copilot-metrics.api.default-page-size", "3",
                    "copilot-metrics.api.max-page-size", "5",
                    "copilot-metrics.api.default-top-limit", "2");
        }
    }

    @Test
    void defaultsComeFromTheConfiguration() {
        assertThat(GraphQLClient.data(ApiFixture.paginatedOwner(), "allCosts", Map.of())
                .getList("data.allCosts.edges")).hasSize(3);
        assertThat(GraphQLClient.data(ApiFixture.platformAdmin(), "topSpendingTenants", GraphQLClient.range())
                .getList("data.topSpendingTenants")).hasSize(2);
    }

    @Test
    void boundsComeFromTheConfiguration() {
        assertThat(GraphQLClient.data(ApiFixture.paginatedOwner(), "allCosts", Map.of("first", 5))
                .getList("data.allCosts.edges")).hasSize(5);
        JsonPath refused = GraphQLClient.failure(ApiFixture.paginatedOwner(), "allCosts", Map.of("first", 6), Map.of());
        assertThat(refused.getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
        assertThat(refused.getString("errors[0].message")).contains("'first'").contains("5");
    }
}
