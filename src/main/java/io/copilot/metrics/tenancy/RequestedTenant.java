package io.copilot.metrics.tenancy;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import graphql.ExecutionInput;
import graphql.GraphQLContext;
import io.copilot.metrics.config.TenancyConfig;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.execution.context.SmallRyeContextManager;
import io.vertx.core.MultiMap;

/**
 * The tenant a request asks for, as sent: over HTTP (GraphQL or the CSV export) in the tenant header; over a GraphQL
 * WebSocket, whose browser clients cannot set headers, as the entry of the same name in the
 * connection_init payload (SmallRye keeps that payload in the GraphQL context).
 */
@RequestScoped
public class RequestedTenant {

    static final String CONNECTION_INIT_PAYLOAD = "init-payload";

    /** Whether the operation came over a WebSocket, whose connection_init payload may name the tenant. */
    public static boolean overWebSocket(GraphQLContext operation) {
        return operation.hasKey(CONNECTION_INIT_PAYLOAD);
    }

    private final CurrentVertxRequest http;
    private final Context graphql;
    private final TenancyConfig tenancy;

    public RequestedTenant(CurrentVertxRequest http, Context graphql, TenancyConfig tenancy) {
        this.http = http;
        this.graphql = graphql;
        this.tenancy = tenancy;
    }

    public Optional<String> value() {
        // outside a GraphQL operation (the CSV export) there is no GraphQL context to unwrap
        ExecutionInput execution = SmallRyeContextManager.getCurrentSmallRyeContext() == null ? null
                : graphql.unwrap(ExecutionInput.class);
        Map<String, Object> payload = execution == null ? null
                : execution.getGraphQLContext().get(CONNECTION_INIT_PAYLOAD);
        if (payload != null) {
            return fromConnectionInit(payload, tenancy.tenantHeader());
        }
        return http.getCurrent() == null ? Optional.empty()
                : fromHeaders(http.getCurrent().request().headers(), tenancy.tenantHeader());
    }

    static Optional<String> fromHeaders(MultiMap headers, String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** Payload values arrive as JSON-P values; a non-string entry counts as text so it is refused as input. */
    static Optional<String> fromConnectionInit(Map<String, Object> payload, String name) {
        return payload.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .filter(value -> value != null)
                .map(value -> value instanceof jakarta.json.JsonString text ? text.getString() : value.toString())
                .findFirst();
    }
}
