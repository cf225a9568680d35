package io.copilot.metrics.sessions;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.copilot.metrics.api.Connection.PageInfo;

@Description("A page of sessions, most recently active first (Relay connection).")
public record SessionConnection(@NonNull List<@NonNull SessionEdge> edges, @NonNull PageInfo pageInfo) {

    public record SessionEdge(@NonNull String cursor, @NonNull Session node) {
    }
}
