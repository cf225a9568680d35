package io.copilot.metrics.quotas;

import static io.copilot.metrics.testsupport.ApiFixture.INITECH;
import static io.copilot.metrics.testsupport.ApiFixture.PAGINATED;
import static io.copilot.metrics.testsupport.ApiFixture.UMBRELLA;
import static io.copilot.metrics.testsupport.GraphQLClient.byKey;
import static io.copilot.metrics.testsupport.GraphQLClient.data;
import static io.copilot.metrics.testsupport.Money.assertMoney;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.copilot.metrics.testsupport.ApiFixture;
import io.quarkus.test.junit.QuarkusTest;

/** Quotas in force, each tenant its own, the administrator all of them. */
@QuarkusTest
@ExtendWith(ApiFixture.class)
class QuotaQueriesTest {

    private final String initech = ApiFixture.initechOwner();
    private final String umbrella = ApiFixture.umbrellaOwner();
    private final String admin = ApiFixture.platformAdmin();

    @Test
    void quotaStatus() {
        Map<String, Map<String, Object>> own = byKey(data(initech, "quotaStatus", Map.of()), "data.quotaStatus",
                "resourceType");
        assertThat(own).containsOnlyKeys("llm", "e2b");
        assertThat(own.values()).allMatch(row -> INITECH.toString().equals(row.get("tenantId")));
        assertThat(own.get("llm").get("status")).isEqualTo("WARNING");
        assertMoney(own.get("llm").get("currentSpendUsd"), "450");
        assertMoney(own.get("llm").get("remainingUsd"), "50");
        assertMoney(own.get("llm").get("usagePercentage"), "90");
        assertThat(own.get("e2b").get("status")).isEqualTo("OK");

        Map<String, Map<String, Object>> other = byKey(data(umbrella, "quotaStatus", Map.of()), "data.quotaStatus",
                "resourceType");
        assertThat(other.values()).allMatch(row -> UMBRELLA.toString().equals(row.get("tenantId")));
        assertThat(other.get("e2b").get("status")).isEqualTo("EXCEEDED");
        assertThat(other.get("llm").get("status")).isEqualTo("OK");

        assertThat(data(admin, "quotaStatus", Map.of()).getList("data.quotaStatus.tenantId", String.class))
                .contains(INITECH.toString(), UMBRELLA.toString(), PAGINATED.toString());
    }
}
