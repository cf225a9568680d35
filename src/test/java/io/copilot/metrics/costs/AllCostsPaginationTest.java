package io.copilot.metrics.costs;

import static io.copilot.metrics.testsupport.ApiFixture.PAGINATED_OWNER;
import static io.copilot.metrics.testsupport.GraphQLClient.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.copilot.metrics.testsupport.ApiFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Keyset pagination over a tenant with 30 costs, pairs of which share an instant. */
@QuarkusTest
@ExtendWith(ApiFixture.class)
class AllCostsPaginationTest {

    private final String token = ApiFixture.paginatedOwner();

    @Test
    void pagesVisitEveryCostExactlyOnceInTimeThenIdOrder() {
        List<String> seen = new ArrayList<>();
        List<String> order = new ArrayList<>();
        String after = null;
        int pages = 0;
        boolean hasNext;
        do {
            Map<String, Object> variables = new HashMap<>();
            variables.put("first", 7);
            variables.put("after", after);
            JsonPath page = data(token, "allCosts", variables);
            List<String> ids = page.getList("data.allCosts.edges.node.id", String.class);
            List<String> instants = page.getList("data.allCosts.edges.node.occurredAt", String.class);
            assertThat(ids).hasSizeLessThanOrEqualTo(7);
            for (int i = 0; i < ids.size(); i++) {
                order.add(instants.get(i) + " " + ids.get(i));
            }
            seen.addAll(ids);
            assertThat(page.getBoolean("data.allCosts.pageInfo.hasPreviousPage")).isEqualTo(after != null);
            hasNext = page.getBoolean("data.allCosts.pageInfo.hasNextPage");
            after = page.getString("data.allCosts.pageInfo.endCursor");
            pages++;
        } while (hasNext);

        assertThat(pages).isEqualTo(5);
        assertThat(seen).hasSize(30).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).hasSize(30);
        assertThat(order).isSorted();
    }

    @Test
    void filtersNarrowTheConnection() {
        Map<String, Object> e2bOnly = Map.of("filter", Map.of("costType", "E2B"), "first", 100);
        JsonPath json = data(token, "allCosts", e2bOnly);
        assertThat(json.getList("data.allCosts.edges.node.costType", String.class)).hasSize(5).containsOnly("E2B");

        Map<String, Object> byModel = Map.of("filter", Map.of("provider", "groq", "model", "llama-3.1-8b-instant"),
                "first", 100);
        assertThat(data(token, "allCosts", byModel).getList("data.allCosts.edges")).hasSize(25);

        Map<String, Object> byUser = Map.of("filter", Map.of("userId", PAGINATED_OWNER.toString()), "first", 100);
        assertThat(data(token, "allCosts", byUser).getList("data.allCosts.edges")).hasSize(30);

        Map<String, Object> window = Map.of("filter",
                Map.of("from", "2026-03-05T00:01:00Z", "to", "2026-03-05T00:03:00Z"), "first", 100);
        // LLM: i/2 in {1, 2} -> i = 2..5 (4 costs); E2B: minutes 1 and 2 (2 costs)
        assertThat(data(token, "allCosts", window).getList("data.allCosts.edges")).hasSize(6);
    }
}
