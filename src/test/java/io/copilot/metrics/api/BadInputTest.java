package io.copilot.metrics.api;

import static io.copilot.metrics.testsupport.ApiErrors.assertNoInternals;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.copilot.metrics.testsupport.ApiFixture;
import io.copilot.metrics.testsupport.GraphQLClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Every kind of bad argument gets BAD_USER_INPUT with a message, never a stack trace or SQL. */
@QuarkusTest
@ExtendWith(ApiFixture.class)
class BadInputTest {

    private final String token = ApiFixture.initechOwner();

    @Test
    void invalidUuidInFilter() {
        assertBadInput("allCosts", Map.of("filter", Map.of("userId", "not-a-uuid")), "filter.userId");
        assertBadInput("allCosts", Map.of("filter", Map.of("conversationId", "1; DROP TABLE x")),
                "filter.conversationId");
    }

    @Test
    void limitsOutOfRange() {
        assertBadInput("topSpendingTenants", Map.of("limit", 0), "limit");
        assertBadInput("topSpendingTenants", Map.of("limit", 101), "limit");
        assertBadInput("allCosts", Map.of("first", 101), "first");
        assertBadInput("allCosts", Map.of("first", -1), "first");
        assertBadInput("costByUser", Map.of("first", 1000), "first");
    }

    @Test
    void fromAfterTo() {
        assertBadInput("costByTenant", Map.of("from", "2026-04-01T00:00:00Z", "to", "2026-03-01T00:00:00Z"), "from");
        assertBadInput("allCosts", Map.of("filter", Map.of("from", "2026-04-01T00:00:00Z",
                "to", "2026-04-01T00:00:00Z")), "from");
    }

    @Test
    void unknownTimeZone() {
        Map<String, Object> variables = new HashMap<>(GraphQLClient.range());
        variables.put("timeZone", "Mars/Olympus_Mons");
        assertBadInput("costSeries", variables, "timeZone");
    }

    @Test
    void forgedCursor() {
        assertBadInput("allCosts", Map.of("after", "bm90LWEtY3Vyc29y"), "after");
    }

    @Test
    void malformedDateTimeIsRejectedWithoutStackTrace() {
        JsonPath json = GraphQLClient.failure(token, "costByTenant", Map.of("from", "yesterday"), Map.of());
        assertThat(json.getList("errors")).isNotEmpty();
        assertNoInternals(json);
    }

    @Test
    void queryDepthIsBoundedEveryTime() {
        // the second time the document comes from the cache of parsed documents: still refused
        for (int attempt = 0; attempt < 2; attempt++) {
            JsonPath json = GraphQLClient.failure(token, "tooDeep", Map.of(), Map.of());
            assertThat(json.getList("errors")).isNotEmpty();
            assertThat(json.getString("errors[0].message")).containsIgnoringCase("depth");
        }
    }

    @Test
    void queryComplexityIsBoundedEveryTime() {
        for (int attempt = 0; attempt < 2; attempt++) {
            JsonPath json = GraphQLClient.failure(token, "tooComplex", Map.of(), Map.of());
            assertThat(json.getList("errors")).isNotEmpty();
            assertThat(json.getString("errors[0].message")).containsIgnoringCase("complexity");
            assertThat(json.getString("data")).isNull();
        }
    }

    private void assertBadInput(String document, Map<String, ?> variables, String argument) {
        JsonPath json = GraphQLClient.failure(token, document, variables, Map.of());
        assertThat(json.getString("errors[0].extensions.code")).as(json.prettify()).isEqualTo("BAD_USER_INPUT");
        assertThat(json.getString("errors[0].message")).contains(argument);
        assertNoInternals(json);
    }
}
