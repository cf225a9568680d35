package io.copilot.metrics.costs;

import static io.copilot.metrics.testsupport.GraphQLClient.data;
import static io.copilot.metrics.testsupport.GraphQLClient.failure;
import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * costByUser, costByConversation and costEstimates are Relay connections: a page at a time with
 * totalCount, each row exactly once across pages, and a cursor valid only for its own list and
 * arguments.
 */
@QuarkusTest
@ExtendWith(ApiFixture.class)
class ListConnectionsTest {

    private final String admin = ApiFixture.platformAdmin();
    private final String initech = ApiFixture.initechOwner();

    @Test
    void costByUserPagesThroughEveryUserOnce() {
        assertPagesMatchTheWholeList("costByUser", "userId");
    }

    @Test
    void costByConversationPagesThroughEveryConversationOnce() {
        assertPagesMatchTheWholeList("costByConversation", "conversationId");
    }

    @Test
    void costEstimatesPagesThroughEveryEstimateOnce() {
        assertPagesMatchTheWholeList("costEstimates", "id");
    }

    @Test
    void totalCountCountsTheCallersRowsOnly() {
        assertThat(data(initech, "costByUser", GraphQLClient.range()).getInt("data.costByUser.totalCount"))
                .isEqualTo(2);
        assertThat(data(initech, "costEstimates", GraphQLClient.range()).getInt("data.costEstimates.totalCount"))
                .isEqualTo(1);
        assertThat(data(ApiFixture.umbrellaOwner(), "costEstimates", GraphQLClient.range())
                .getInt("data.costEstimates.totalCount")).isZero();
        Map<String, Object> onePerPage = new HashMap<>(GraphQLClient.range());
        onePerPage.put("first", 1);
        JsonPath first = data(initech, "costByUser", onePerPage);
        assertThat(first.getList("data.costByUser.edges")).hasSize(1);
        assertThat(first.getBoolean("data.costByUser.pageInfo.hasNextPage")).isTrue();
        assertThat(first.getBoolean("data.costByUser.pageInfo.hasPreviousPage")).isFalse();
    }

    @Test
    void aCursorIsRefusedByAnotherListOrOtherArguments() {
        Map<String, Object> onePerPage = new HashMap<>(GraphQLClient.range());
        onePerPage.put("first", 1);
        String cursor = data(initech, "costByUser", onePerPage).getString("data.costByUser.pageInfo.endCursor");

        Map<String, Object> elsewhere = new HashMap<>(onePerPage);
        elsewhere.put("after", cursor);
        assertBadCursor("costByConversation", elsewhere);
        assertBadCursor("costEstimates", elsewhere);
        Map<String, Object> otherRange = new HashMap<>(elsewhere);
        otherRange.put("from", "2026-02-01T00:00:00Z");
        assertBadCursor("costByUser", otherRange);
        Map<String, Object> forged = new HashMap<>(onePerPage);
        forged.put("after", cursor.substring(0, cursor.length() - 2) + "AA");
        assertBadCursor("costByUser", forged);
    }

    private void assertBadCursor(String query, Map<String, Object> variables) {
        JsonPath json = failure(initech, query, variables, Map.of());
        assertThat(json.getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
        assertThat(json.getString("errors[0].message")).contains("after");
    }

    private void assertPagesMatchTheWholeList(String query, String key) {
        Map<String, Object> variables = new HashMap<>(GraphQLClient.range());
        variables.put("first", 100);
        JsonPath whole = data(admin, query, variables);
        List<String> expected = whole.getList("data." + query + ".edges.node." + key, String.class);
        assertThat(expected).hasSizeGreaterThanOrEqualTo(3);
        assertThat(whole.getInt("data." + query + ".totalCount")).isEqualTo(expected.size());

        List<String> paged = new ArrayList<>();
        variables.put("first", 1);
        String after = null;
        do {
            variables.put("after", after);
            JsonPath page = data(admin, query, variables);
            paged.addAll(page.getList("data." + query + ".edges.node." + key, String.class));
            assertThat(page.getInt("data." + query + ".totalCount")).isEqualTo(expected.size());
            after = page.getBoolean("data." + query + ".pageInfo.hasNextPage")
                    ? page.getString("data." + query + ".pageInfo.endCursor") : null;
        } while (after != null);
        assertThat(paged).isEqualTo(expected);
    }
}
