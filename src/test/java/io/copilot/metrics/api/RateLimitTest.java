package io.copilot.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.copilot.metrics.testsupport.ApiFixture;
import io.copilot.metrics.testsupport.GraphQLClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** One caller over its rate gets 429 with Retry-After and a code; another caller is not slowed. */
@QuarkusTest
@ExtendWith(ApiFixture.class)
@TestProfile(RateLimitTest.Strict.class)
class RateLimitTest {

    public static class Strict implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // %test too: application.properties lifts the limits for the test profile
            return Map.of("%test.copilot-metrics.rate-limit.requests-per-second", "1",
                    "%test.copilot-metrics.rate-limit.burst", "3",
                    "%test.copilot-metrics.rate-limit.concurrent", "2");
        }
    }

    @Test
    void aCallerOverItsRateIsToldToRetry() {
        List<Integer> statuses = new ArrayList<>();
        Response refused = null;
        for (int i = 0; i < 8; i++) {
            Response response = GraphQLClient.post(ApiFixture.initechOwner(), "quotaStatus", Map.of(), Map.of());
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                refused = response;
            }
        }
        assertThat(statuses).startsWith(200, 200, 200).contains(429);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.jsonPath().getString("errors[0].extensions.code")).isEqualTo("RATE_LIMITED");

        assertThat(GraphQLClient.post(ApiFixture.umbrellaOwner(), "quotaStatus", Map.of(), Map.of()).statusCode())
                .as("another caller").isEqualTo(200);
    }

    @Test
    void finishedRequestsNoLongerCountAsInFlight() throws InterruptedException {
        for (int i = 0; i < 6; i++) {
            assertThat(GraphQLClient.post(ApiFixture.paginatedOwner(), "quotaStatus", Map.of(), Map.of()).statusCode())
                    .as("request %d, one at a time, within the rate", i).isEqualTo(200);
            Thread.sleep(1_100);
        }
    }
}
