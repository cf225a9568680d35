package io.copilot.metrics.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiFunction;

import io.copilot.metrics.api.Connection.PageInfo;
import io.copilot.metrics.tenancy.Counted;

/**
 * Cursors of lists PostgreSQL computes whole for every page (aggregates such as costByUser, the
 * breakdown): a keyset would save nothing there, so the cursor is the position after a row,
 * signed together with the list's name and the arguments it was asked with, and refused for any
 * other list or other arguments. Rows that arrive between two pages can shift an aggregate's
 * order, as in any live ranking; each page is exact for the moment it is read.
 *
 * @param list      the query's name
 * @param arguments a digest of the query's arguments as given (not the defaults they resolve to,
 *                  so that a list asked without a range pages on even as "now" moves)
 */
public record ListPosition(String list, String arguments) {

    /** The position codec of {@code list} asked with {@code arguments} (any values; their text is digested). */
    public static ListPosition of(String list, Object... arguments) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Arrays.deepToString(arguments).getBytes(StandardCharsets.UTF_8));
            return new ListPosition(list, HexFormat.of().formatHex(digest, 0, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The offset {@code after} points to: 0 without a cursor; BAD_USER_INPUT for a cursor of another list. */
    public long offset(String after, Cursor codec) throws BadUserInputException {
        if (after == null) {
            return 0;
        }
        List<String> keys = codec.decode(after, 3).orElse(null);
        if (keys == null || !keys.get(0).equals(list) || !keys.get(1).equals(arguments)) {
            throw new BadUserInputException("'after' is not a cursor of " + list + " asked with these arguments");
        }
        try {
            return Long.parseLong(keys.get(2));
        } catch (NumberFormatException e) {
            throw new BadUserInputException("'after' is not a cursor of " + list);
        }
    }

    /** The page as a Relay connection whose cursors continue after each row. */
    public <T, E, C> C connection(Counted<T> page, long offset, Cursor codec, BiFunction<String, T, E> edge,
            ConnectionOf<E, C> connection) {
        List<E> edges = new ArrayList<>(page.rows().size());
        long position = offset;
        String start = null;
        String end = null;
        for (T row : page.rows()) {
            end = codec.encode(List.of(list, arguments, Long.toString(++position)));
            start = start == null ? end : start;
            edges.add(edge.apply(end, row));
        }
        PageInfo info = new PageInfo(position < page.totalCount(), offset > 0, start, end);
        return connection.of(edges, info, page.totalCount());
    }

    @FunctionalInterface
    public interface ConnectionOf<E, C> {
        C of(List<E> edges, PageInfo pageInfo, long totalCount);
    }
}
