package io.copilot.metrics.costs;

import static io.copilot.metrics.testsupport.ApiFixture.INITECH;
import static io.copilot.metrics.testsupport.ApiFixture.INITECH_OWNER;
import static io.copilot.metrics.testsupport.ApiFixture.PAGINATED;
import static io.copilot.metrics.testsupport.ApiFixture.UMBRELLA;
import static io.copilot.metrics.testsupport.GraphQLClient.data;
import static io.copilot.metrics.testsupport.GraphQLClient.failure;
import static io.copilot.metrics.testsupport.Money.assertMoney;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.copilot.metrics.testsupport.ApiFixture;
import io.copilot.metrics.testsupport.GraphQLClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** costBreakdown against the fixture's known costs: groups, sums, filters, pages, and each tenant alone. */
@QuarkusTest
@ExtendWith(ApiFixture.class)
class CostBreakdownTest {

    private static final String ROWS = "data.costBreakdown.edges.node";

    private final String initech = ApiFixture.initechOwner();
    private final String umbrella = ApiFixture.umbrellaOwner();
    private final String admin = ApiFixture.platformAdmin();

    @Test
    void byModelPerBerlinDayInKeyOrder() {
        JsonPath own = data(initech, "costBreakdown", breakdown(Map.of("groupBy", List.of("MODEL"), "bucket", "DAY",
                "timeZone", "Europe/Berlin", "orderBy", "KEYS")));
        // 23:30 UTC on 10 March is 00:30 on 11 March in Berlin; the sandbox run's model is its tier
        assertThat(own.getList(ROWS + ".bucketStart", String.class)).containsExactly("2026-03-10T00:00:00+01:00",
                "2026-03-11T00:00:00+01:00", "2026-03-11T00:00:00+01:00");
        assertThat(own.getList(ROWS + ".model", String.class)).containsExactly("gpt-4", "claude-3-5-sonnet-20241022",
                "standard");
        assertThat(own.getInt("data.costBreakdown.totalCount")).isEqualTo(3);
        assertMoney(own, ROWS + "[0].totalCostUsd", "0.06");
        assertThat(own.getLong(ROWS + "[0].cachedInputTokens")).isEqualTo(200);
        assertThat(own.getLong(ROWS + "[1].reasoningTokens")).isEqualTo(5000);
        assertThat(own.getLong(ROWS + "[1].inputTokens")).isEqualTo(100000);
        assertMoney(own, ROWS + "[2].e2bCostUsd", "0.03");
        assertMoney(own, ROWS + "[2].executionSeconds", "300");
        assertThat(own.getLong(ROWS + "[2].e2bExecutionCount")).isEqualTo(1);
        assertThat(own.getList(ROWS + ".provider")).containsOnlyNulls();
    }

    @Test
    void byTagAndCostTypeSeesOnlyTheCallersTenant() {
        Map<String, Object> byFeature = breakdown(Map.of("groupBy", List.of("TAG", "COST_TYPE"), "tagKey", "feature"));
        JsonPath own = data(initech, "costBreakdown", byFeature);
        assertThat(groups(own, "tag", "costType")).containsExactly("search/LLM=0.6", "reports/LLM=0.06",
                "reports/E2B=0.03");

        // Umbrella's "reports" call (1.00) is its own; the administrator sees both tenants' together.
        assertThat(groups(data(umbrella, "costBreakdown", byFeature), "tag", "costType"))
                .containsExactly("null/E2B=2", "reports/LLM=1");
        assertThat(groups(data(admin, "costBreakdown", byFeature), "tag", "costType"))
                .contains("reports/LLM=1.06", "search/LLM=0.6");
    }

    @Test
    void filtersNarrowEveryDimension() {
        assertThat(groups(data(initech, "costBreakdown", breakdown(Map.of("groupBy", List.of("USER"),
                "filter", Map.of("tags", List.of(Map.of("key", "team", "value", "finance")))))), "userId"))
                .containsExactly(INITECH_OWNER + "=0.06");
        assertThat(groups(data(initech, "costBreakdown", breakdown(Map.of("groupBy", List.of("SANDBOX_TIER"),
                "filter", Map.of("sandboxTier", "standard")))), "sandboxTier")).containsExactly("standard=0.03");
        assertThat(groups(data(initech, "costBreakdown", breakdown(Map.of("groupBy", List.of("TASK_TYPE"),
                "filter", Map.of("taskType", "summarize")))), "taskType")).containsExactly("summarize=0.6");
        assertThat(groups(data(initech, "costBreakdown", breakdown(Map.of("groupBy", List.of("PROVIDER"),
                "filter", Map.of("costType", "LLM")))), "provider")).containsExactly("anthropic=0.6", "openai=0.06");
        // a filter naming another tenant's model finds nothing, not the other tenant's cost
        assertThat(data(initech, "costBreakdown", breakdown(Map.of("groupBy", List.of("MODEL"),
                "filter", Map.of("model", "gpt-4o")))).getInt("data.costBreakdown.totalCount")).isZero();
    }

    @Test
    void pagesThroughEveryGroupOnce() {
        Map<String, Object> byTenantAndModel = breakdown(Map.of("groupBy", List.of("TENANT", "MODEL"), "first", 100));
        JsonPath whole = data(admin, "costBreakdown", byTenantAndModel);
        List<String> expected = groups(whole, "tenantId", "model");
        assertThat(expected).hasSizeGreaterThanOrEqualTo(6);

        List<String> paged = new ArrayList<>();
        Map<String, Object> variables = new HashMap<>(byTenantAndModel);
        variables.put("first", 2);
        String after = null;
        do {
            variables.put("after", after);
            JsonPath page = data(admin, "costBreakdown", variables);
            paged.addAll(groups(page, "tenantId", "model"));
            assertThat(page.getInt("data.costBreakdown.totalCount")).isEqualTo(expected.size());
            assertThat(page.getBoolean("data.costBreakdown.pageInfo.hasPreviousPage")).isEqualTo(after != null);
            after = page.getBoolean("data.costBreakdown.pageInfo.hasNextPage")
                    ? page.getString("data.costBreakdown.pageInfo.endCursor") : null;
        } while (after != null);
        assertThat(paged).isEqualTo(expected);
        assertThat(expected).anyMatch(group -> group.startsWith(PAGINATED + "/llama-3.1-8b-instant="))
                .anyMatch(group -> group.startsWith(UMBRELLA + "/gpu=")).anyMatch(group -> group.startsWith(INITECH + "/"));
    }

    @Test
    void groupedByTenantNamesTheTenantsTheCallerMaySee() {
        Map<String, Object> byTenant = breakdown(Map.of("groupBy", List.of("TENANT")));
        JsonPath own = data(initech, "costBreakdown", byTenant);
        assertThat(own.getList(ROWS + ".tenantId", String.class)).containsExactly(INITECH.toString());
        assertThat(own.getList(ROWS + ".tenantName", String.class)).containsExactly("Initech");
        assertThat(data(admin, "costBreakdown", byTenant).getList(ROWS + ".tenantName", String.class))
                .startsWith("Umbrella", "Initech", "Paginated");
    }

    @Test
    void refusesWhatItCannotAnswer() {
        assertBadInput(Map.of("groupBy", List.of("MODEL", "USER", "PROVIDER")), "at most 2");
        assertBadInput(Map.of("groupBy", List.of("MODEL", "MODEL")), "at most 2");
        assertBadInput(Map.of("groupBy", List.of()), "bucket");
        assertBadInput(Map.of("groupBy", List.of("TAG")), "tagKey");
        assertBadInput(Map.of("groupBy", List.of("MODEL"), "tagKey", "feature"), "tagKey");
        assertBadInput(Map.of("groupBy", List.of("USER"), "filter", Map.of("userId", "not-a-uuid")), "filter.userId");
        assertBadInput(Map.of("groupBy", List.of(), "bucket", "HOUR", "from", "2000-01-01T00:00:00Z"), "buckets");

        String costByUserCursor = data(initech, "costByUser", GraphQLClient.range())
                .getString("data.costByUser.pageInfo.endCursor");
        assertBadInput(Map.of("groupBy", List.of("USER"), "after", costByUserCursor), "after");
        String byModel = data(initech, "costBreakdown", breakdown(Map.of("groupBy", List.of("MODEL"), "first", 1)))
                .getString("data.costBreakdown.pageInfo.endCursor");
        assertBadInput(Map.of("groupBy", List.of("PROVIDER"), "after", byModel), "after");
    }

    private void assertBadInput(Map<String, Object> arguments, String mentioned) {
        JsonPath json = failure(initech, "costBreakdown", breakdown(arguments), Map.of());
        assertThat(json.getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
        assertThat(json.getString("errors[0].message")).contains(mentioned);
    }

    private static Map<String, Object> breakdown(Map<String, Object> arguments) {
        Map<String, Object> variables = new HashMap<>(GraphQLClient.range());
        variables.putAll(arguments);
        return variables;
    }

    /** Each row as "key/key=total cost", in the answer's order; money compared without padding. */
    private static List<String> groups(JsonPath json, String... keys) {
        List<Map<String, Object>> rows = json.getList(ROWS);
        List<String> groups = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            List<String> values = new ArrayList<>();
            for (String key : keys) {
                values.add(String.valueOf(row.get(key)));
            }
            groups.add(String.join("/", values) + "="
                    + new BigDecimal((String) row.get("totalCostUsd")).stripTrailingZeros().toPlainString());
        }
        return groups;
    }
}
