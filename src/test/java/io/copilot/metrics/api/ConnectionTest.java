package io.copilot.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.copilot.metrics.api.Connection.PageInfo;

class ConnectionTest {

    record Edge(String cursor, String node) {
    }

    record Page(List<Edge> edges, PageInfo pageInfo) {
    }

    @Test
    void theRowBeyondThePageOnlyTellsThatAnotherPageFollows() {
        Page page = page(List.of("a", "b", "c"), false);
        assertThat(page.edges()).containsExactly(new Edge("cursor-a", "a"), new Edge("cursor-b", "b"));
        assertThat(page.pageInfo()).isEqualTo(new PageInfo(true, false, "cursor-a", "cursor-b"));
    }

    @Test
    void lastAndEmptyPages() {
        assertThat(page(List.of("a"), true).pageInfo()).isEqualTo(new PageInfo(false, true, "cursor-a", "cursor-a"));

        Page empty = page(List.of(), true);
        assertThat(empty.edges()).isEmpty();
        assertThat(empty.pageInfo()).isEqualTo(new PageInfo(false, true, null, null));
    }

    private static Page page(List<String> rows, boolean hasPrevious) {
        return Connection.page(rows, 2, hasPrevious, row -> "cursor-" + row, Edge::new, Page::new);
    }
}
