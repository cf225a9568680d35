package io.copilot.metrics.events;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.copilot.metrics.api.Connection.PageInfo;

@Description("A page of events, newest first (Relay connection).")
public record EventConnection(@NonNull List<@NonNull EventEdge> edges, @NonNull PageInfo pageInfo) {

    public record EventEdge(@NonNull String cursor, @NonNull Event node) {
    }
}
