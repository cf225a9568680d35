package io.copilot.metrics.tenancy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A piece of SQL that carries its own parameters (after PostgREST's SqlFragment): each {@code ?}
 * in the text stands for the next parameter, and the $1, $2, ... PostgreSQL wants are numbered
 * only when the finished statement is rendered, so fragments can be combined freely without
 * hand-numbered placeholders. A fragment's text has no other {@code ?} (no jsonb ?-operators:
 * use jsonb_exists and friends).
 */
public record SqlFragment(String text, List<Object> parameters) {

    public SqlFragment {
        long placeholders = text.chars().filter(character -> character == '?').count();
        if (placeholders != parameters.size()) {
            throw new IllegalArgumentException(placeholders + " placeholders but " + parameters.size()
                    + " parameters in: " + text);
        }
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
    }

    /** Text with one {@code ?} per parameter. Parameters may be null (bound as SQL NULL). */
    public static SqlFragment sql(String text, Object... parameters) {
        return new SqlFragment(text, Arrays.asList(parameters));
    }

    /** Adds {@code condition} with its one parameter to {@code conditions} when the value is given (not null). */
    public static void whenGiven(List<SqlFragment> conditions, String condition, Object value) {
        if (value != null) {
            conditions.add(sql(condition, value));
        }
    }

    public static SqlFragment join(String separator, List<SqlFragment> fragments) {
        List<String> texts = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (SqlFragment fragment : fragments) {
            texts.add(fragment.text);
            parameters.addAll(fragment.parameters);
        }
        return new SqlFragment(String.join(separator, texts), parameters);
    }

    public SqlFragment append(SqlFragment next) {
        return join("", List.of(this, next));
    }

    public SqlFragment append(String text, Object... parameters) {
        return append(sql(text, parameters));
    }

    /** The statement as PostgreSQL takes it: every {@code ?} replaced by $1, $2, ... in order. */
    public String statement() {
        StringBuilder numbered = new StringBuilder(text.length() + 8);
        int next = 1;
        for (int i = 0; i < text.length(); i++) {
            char character = text.charAt(i);
            if (character == '?') {
                numbered.append('$').append(next++);
            } else {
                numbered.append(character);
            }
        }
        return numbered.toString();
    }

    public Tuple tuple() {
        return Tuple.from(parameters);
    }
}
