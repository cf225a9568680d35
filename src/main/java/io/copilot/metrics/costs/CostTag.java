package io.copilot.metrics.costs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.vertx.core.json.JsonObject;

@Description("A tag recorded with usage (feature, team, environment, ...): one key of the cost's metadata.")
public record CostTag(@NonNull String key, @NonNull String value) {

    private static final List<CostTag> NONE = List.of();

    /** The metadata's keys in their stored order; a value that is not text is given as its JSON. */
    static List<CostTag> of(JsonObject metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return NONE;
        }
        List<CostTag> tags = new ArrayList<>(metadata.size());
        for (Map.Entry<String, Object> entry : metadata) {
            Object value = entry.getValue();
            tags.add(new CostTag(entry.getKey(), value instanceof String text ? text : String.valueOf(value)));
        }
        return tags;
    }
}
