package io.copilot.metrics.costs;

import static io.copilot.metrics.testsupport.ApiFixture.INITECH;
import static io.copilot.metrics.testsupport.ApiFixture.INITECH_CONVERSATION;
import static io.copilot.metrics.testsupport.ApiFixture.INITECH_MEMBER;
import static io.copilot.metrics.testsupport.ApiFixture.INITECH_OWNER;
import static io.copilot.metrics.testsupport.ApiFixture.PAGINATED;
import static io.copilot.metrics.testsupport.ApiFixture.UMBRELLA;
import static io.copilot.metrics.testsupport.ApiFixture.UMBRELLA_OWNER;
import static io.copilot.metrics.testsupport.GraphQLClient.byKey;
import static io.copilot.metrics.testsupport.GraphQLClient.data;
import static io.copilot.metrics.testsupport.GraphQLClient.range;
import static io.copilot.metrics.testsupport.Money.assertMoney;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.copilot.metrics.testsupport.ApiFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Every cost query, for two tenants and a platform administrator, against the fixture's known
 * values: each tenant gets exactly its own numbers and nothing of the other; the
 * administrator sees both.
 */
@QuarkusTest
@ExtendWith(ApiFixture.class)
class CostQueriesTest {

    private final String initech = ApiFixture.initechOwner();
    private final String umbrella = ApiFixture.umbrellaOwner();
    private final String admin = ApiFixture.platformAdmin();

    @Test
    void costByTenant() {
        JsonPath own = data(initech, "costByTenant", range());
        assertThat(own.getList("data.costByTenant")).hasSize(1);
        assertThat(own.getString("data.costByTenant[0].tenantId")).isEqualTo(INITECH.toString());
        assertThat(own.getString("data.costByTenant[0].tenantName")).isEqualTo("Initech");
        assertMoney(own, "data.costByTenant[0].llmCostUsd", "0.66");
        assertMoney(own, "data.costByTenant[0].e2bCostUsd", "0.03");
        assertMoney(own, "data.costByTenant[0].totalCostUsd", "0.69");
        assertThat(own.getInt("data.costByTenant[0].llmRequestCount")).isEqualTo(2);
        assertThat(own.getInt("data.costByTenant[0].e2bExecutionCount")).isEqualTo(1);
        assertThat(own.getString("data.costByTenant[0].firstCostAt")).startsWith("2026-03-10T12:00");

        JsonPath other = data(umbrella, "costByTenant", range());
        assertThat(other.getList("data.costByTenant")).hasSize(1);
        assertMoney(other, "data.costByTenant[0].totalCostUsd", "3");

        Map<String, Map<String, Object>> all = byKey(data(admin, "costByTenant", range()), "data.costByTenant",
                "tenantId");
        assertMoney(all.get(INITECH.toString()).get("totalCostUsd"), "0.69");
        assertMoney(all.get(UMBRELLA.toString()).get("totalCostUsd"), "3");
        assertMoney(all.get(PAGINATED.toString()).get("totalCostUsd"), "0.0255");
    }

    @Test
    void topSpendingTenants() {
        JsonPath own = data(initech, "topSpendingTenants", range());
        assertThat(own.getList("data.topSpendingTenants")).hasSize(1);
        assertThat(own.getString("data.topSpendingTenants[0].tenantId")).isEqualTo(INITECH.toString());
        assertThat(own.getInt("data.topSpendingTenants[0].rank")).isEqualTo(1);

        JsonPath all = data(admin, "topSpendingTenants", range());
        assertThat(all.getList("data.topSpendingTenants.tenantId", String.class))
                .startsWith(UMBRELLA.toString(), INITECH.toString(), PAGINATED.toString());
        assertThat(all.getList("data.topSpendingTenants.rank", Integer.class)).startsWith(1, 2, 3);
        assertMoney(all, "data.topSpendingTenants[0].totalCostUsd", "3");
        assertMoney(all, "data.topSpendingTenants[0].e2bCostUsd", "2");

        Map<String, Object> justOne = new HashMap<>(range());
        justOne.put("limit", 1);
        assertThat(data(admin, "topSpendingTenants", justOne).getList("data.topSpendingTenants")).hasSize(1);
    }

    @Test
    void costByUser() {
        JsonPath own = data(initech, "costByUser", range());
        assertThat(own.getList("data.costByUser.edges.node.userId", String.class))
                .containsExactly(INITECH_MEMBER.toString(), INITECH_OWNER.toString());
        assertThat(own.getList("data.costByUser.edges.node.tenantId", String.class)).containsOnly(INITECH.toString());
        assertMoney(own, "data.costByUser.edges[0].node.totalCostUsd", "0.6");
        assertThat(own.getList("data.costByUser.edges.node.tenantName", String.class)).containsOnly("Initech");
        assertMoney(own, "data.costByUser.edges[1].node.llmCostUsd", "0.06");
        assertMoney(own, "data.costByUser.edges[1].node.e2bCostUsd", "0.03");

        JsonPath other = data(umbrella, "costByUser", range());
        assertThat(other.getList("data.costByUser.edges.node.userId", String.class)).containsExactly(UMBRELLA_OWNER.toString());
        assertMoney(other, "data.costByUser.edges[0].node.totalCostUsd", "3");

        assertThat(data(admin, "costByUser", range()).getList("data.costByUser.edges.node.userId", String.class))
                .contains(INITECH_MEMBER.toString(), INITECH_OWNER.toString(), UMBRELLA_OWNER.toString());
    }

    @Test
    void costByConversation() {
        JsonPath own = data(initech, "costByConversation", range());
        assertThat(own.getList("data.costByConversation.edges")).hasSize(1);
        assertThat(own.getString("data.costByConversation.edges[0].node.conversationId"))
                .isEqualTo(INITECH_CONVERSATION.toString());
        assertThat(own.getString("data.costByConversation.edges[0].node.title")).isEqualTo("Quarterly report");
        assertThat(own.getString("data.costByConversation.edges[0].node.userId")).isEqualTo(INITECH_OWNER.toString());
        assertMoney(own, "data.costByConversation.edges[0].node.totalCostUsd", "0.09");

        assertThat(data(umbrella, "costByConversation", range()).getList("data.costByConversation.edges")).isEmpty();
        assertThat(data(admin, "costByConversation", range()).getList("data.costByConversation.edges.node.conversationId",
                String.class)).contains(INITECH_CONVERSATION.toString());
    }

    @Test
    void llmModelUsage() {
        JsonPath own = data(initech, "llmModelUsage", range());
        assertThat(own.getList("data.llmModelUsage.model", String.class))
                .containsExactly("claude-3-5-sonnet-20241022", "gpt-4");
        assertThat(own.getList("data.llmModelUsage.tenantId", String.class)).containsOnly(INITECH.toString());
        assertMoney(own, "data.llmModelUsage[0].totalCostUsd", "0.6");
        assertThat(own.getLong("data.llmModelUsage[0].inputTokens")).isEqualTo(100000);
        assertMoney(own, "data.llmModelUsage[1].avgCostPerRequestUsd", "0.06");

        JsonPath other = data(umbrella, "llmModelUsage", range());
        assertThat(other.getList("data.llmModelUsage.model", String.class)).containsExactly("gpt-4o");

        assertThat(data(admin, "llmModelUsage", range()).getList("data.llmModelUsage.model", String.class))
                .contains("gpt-4", "gpt-4o", "claude-3-5-sonnet-20241022", "llama-3.1-8b-instant");
    }

    @Test
    void costSeriesPerDay() {
        JsonPath own = data(initech, "costSeries", range());
        assertThat(own.getList("data.costSeries.start", String.class))
                .containsExactly("2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z");
        assertMoney(own, "data.costSeries[0].llmCostUsd", "0.66");
        assertMoney(own, "data.costSeries[1].e2bCostUsd", "0.03");

        JsonPath other = data(umbrella, "costSeries", range());
        assertThat(other.getList("data.costSeries.start", String.class))
                .containsExactly("2026-03-10T00:00:00Z", "2026-03-12T00:00:00Z");
        assertMoney(other, "data.costSeries[0].totalCostUsd", "1");
        assertMoney(other, "data.costSeries[1].totalCostUsd", "2");

        JsonPath all = data(admin, "costSeries", range());
        Map<String, Map<String, Object>> days = byKey(all, "data.costSeries", "start");
        assertMoney(days.get("2026-03-10T00:00:00Z").get("totalCostUsd"), "1.66");
    }

    @Test
    void e2bSandboxUsage() {
        JsonPath own = data(initech, "e2bSandboxUsage", range());
        assertThat(own.getList("data.e2bSandboxUsage")).hasSize(1);
        assertThat(own.getString("data.e2bSandboxUsage[0].tier")).isEqualTo("standard");
        assertThat(own.getString("data.e2bSandboxUsage[0].templateId")).isEqualTo("python-3.12");
        assertMoney(own, "data.e2bSandboxUsage[0].totalExecutionSeconds", "300");
        assertMoney(own, "data.e2bSandboxUsage[0].totalCostUsd", "0.03");

        JsonPath other = data(umbrella, "e2bSandboxUsage", range());
        assertThat(other.getList("data.e2bSandboxUsage.tier", String.class)).containsExactly("gpu");
        assertMoney(other, "data.e2bSandboxUsage[0].totalCostUsd", "2");

        assertThat(data(admin, "e2bSandboxUsage", range()).getList("data.e2bSandboxUsage.tenantId", String.class))
                .contains(INITECH.toString(), UMBRELLA.toString(), PAGINATED.toString());
    }

    @Test
    void costEstimates() {
        JsonPath own = data(initech, "costEstimates", range());
        assertThat(own.getList("data.costEstimates.edges")).hasSize(1);
        assertThat(own.getString("data.costEstimates.edges[0].node.costType")).isEqualTo("LLM");
        assertMoney(own, "data.costEstimates.edges[0].node.estimatedCostUsd", "0.054");
        assertMoney(own, "data.costEstimates.edges[0].node.actualCostUsd", "0.06");
        assertMoney(own, "data.costEstimates.edges[0].node.varianceUsd", "0.006");

        assertThat(data(umbrella, "costEstimates", range()).getList("data.costEstimates.edges")).isEmpty();
        assertThat(data(admin, "costEstimates", range()).getList("data.costEstimates.edges.node.tenantId", String.class))
                .contains(INITECH.toString());
    }

    @Test
    void tenantTotalCosts() {
        JsonPath own = data(initech, "tenantTotalCosts", range());
        assertThat(own.getList("data.tenantTotalCosts")).hasSize(1);
        assertThat(own.getString("data.tenantTotalCosts[0].plan")).isEqualTo("team");
        assertMoney(own, "data.tenantTotalCosts[0].totalCostUsd", "0.69");

        JsonPath other = data(umbrella, "tenantTotalCosts", range());
        assertThat(other.getList("data.tenantTotalCosts.tenantId", String.class)).containsExactly(UMBRELLA.toString());
        assertMoney(other, "data.tenantTotalCosts[0].totalCostUsd", "3");

        Map<String, Map<String, Object>> all = byKey(data(admin, "tenantTotalCosts", range()),
                "data.tenantTotalCosts", "tenantId");
        assertMoney(all.get(INITECH.toString()).get("totalCostUsd"), "0.69");
        assertMoney(all.get(UMBRELLA.toString()).get("totalCostUsd"), "3");
    }

    @Test
    void allCosts() {
        Map<String, Object> variables = Map.of("filter", range(), "first", 100);
        JsonPath own = data(initech, "allCosts", variables);
        assertThat(own.getList("data.allCosts.edges.node.tenantId", String.class))
                .hasSize(3).containsOnly(INITECH.toString());
        assertThat(own.getList("data.allCosts.edges.node.costUsd", BigDecimal.class).stream()
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("0.69");

        JsonPath other = data(umbrella, "allCosts", variables);
        assertThat(other.getList("data.allCosts.edges.node.tenantId", String.class))
                .hasSize(2).containsOnly(UMBRELLA.toString());

        assertThat(data(admin, "allCosts", variables).getList("data.allCosts.edges.node.tenantId", String.class))
                .contains(INITECH.toString(), UMBRELLA.toString(), PAGINATED.toString());
    }
}
