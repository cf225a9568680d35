package io.copilot.metrics.tenancy;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Reads claims by dotted path ("realm_access.roles"), so nested IdP claims need no code. */
public final class ClaimPaths {

    private ClaimPaths() {
    }

    public static Optional<Object> find(JsonObject claims, String path) {
        Object current = claims;
        for (String segment : path.split("\\.")) {
            if (!(current instanceof JsonObject object) || !object.containsKey(segment)) {
                return Optional.empty();
            }
            current = object.getValue(segment);
        }
        return Optional.ofNullable(current);
    }

    public static Optional<String> text(JsonObject claims, String path) {
        return find(claims, path).map(Object::toString).filter(value -> !value.isBlank());
    }

    /** Strings of an array claim; a single string counts as a one-element array. */
    public static Set<String> strings(JsonObject claims, String path) {
        Set<String> values = new LinkedHashSet<>();
        find(claims, path).ifPresent(value -> {
            if (value instanceof JsonArray array) {
                array.forEach(element -> {
                    if (element instanceof String text) {
                        values.add(text);
                    }
                });
            } else if (value instanceof String text) {
                values.add(text);
            }
        });
        return values;
    }
}
