package io.copilot.metrics.costs;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.copilot.metrics.api.Connection.PageInfo;

@Description("Conversations by spending, highest first, a page at a time (Relay connection).")
public record ConversationCostConnection(@NonNull List<@NonNull ConversationCostEdge> edges, @NonNull PageInfo pageInfo,
        @Description("How many there are in the whole list") long totalCount) {

    public record ConversationCostEdge(@NonNull String cursor, @NonNull ConversationCost node) {
    }
}
