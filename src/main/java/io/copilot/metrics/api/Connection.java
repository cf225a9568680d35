package io.copilot.metrics.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.eclipse.microprofile.graphql.Description;

/**
 * Relay connections: a page of a list, its edges with their cursors, and {@link PageInfo}.
 * Lists are read one row beyond the page, so the extra row tells whether a next page exists
 * without counting. Each list exposes its own concrete connection and edge records (e.g.
 * CostConnection, CostEdge), built here: SmallRye GraphQL resolves the fields of a generic type
 * (Connection&lt;T&gt;) per value, which cost allCosts 25-35% of its throughput in the benchmark.
 */
public final class Connection {

    @Description("Where a page lies in its list (Relay).")
    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }

    private Connection() {
    }

    /**
     * @param rows        up to {@code size + 1} rows in the list's order
     * @param hasPrevious whether the page was asked for after a cursor
     * @param cursorOf    the cursor of a row
     * @param edge        the list's edge record, from a cursor and a row
     * @param connection  the list's connection record, from its edges and page info
     */
    public static <T, E, C> C page(List<T> rows, int size, boolean hasPrevious, Function<T, String> cursorOf,
            BiFunction<String, T, E> edge, BiFunction<List<E>, PageInfo, C> connection) {
        List<E> edges = new ArrayList<>(Math.min(size, rows.size()));
        String start = null;
        String end = null;
        for (T row : rows.subList(0, Math.min(size, rows.size()))) {
            end = cursorOf.apply(row);
            start = start == null ? end : start;
            edges.add(edge.apply(end, row));
        }
        return connection.apply(edges, new PageInfo(rows.size() > size, hasPrevious, start, end));
    }
}
