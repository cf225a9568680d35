package io.copilot.metrics.api;

import java.util.Map;

import org.eclipse.microprofile.graphql.GraphQLException;

import io.smallrye.graphql.api.ErrorCode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The answers the HTTP edge gives outside GraphQL (before it runs: 400, 405, 429, 503; and for the
 * CSV export), in the shape GraphQL errors have, so a client reads every refusal the same way: {@code errors[0].extensions.code}.
 */
public final class EdgeAnswers {

    /** The HTTP status of each code, for answers given outside GraphQL (the CSV export). */
    private static final Map<String, Integer> STATUS_OF_CODE = Map.of("BAD_USER_INPUT", 400, "FORBIDDEN", 403,
            "NOT_FOUND", 404, "CONFLICT", 409, "RATE_LIMITED", 429, "UNAVAILABLE", 503, "INTERNAL", 500);

    private EdgeAnswers() {
    }

    /**
     * Ends the response with what the GraphQL edge would answer for {@code failure}: its API error
     * (a database failure translated and logged as {@link ApiEdgeInterceptor} does), with that code's
     * HTTP status.
     */
    public static void refuse(RoutingContext http, Throwable failure) {
        GraphQLException apiError = failure instanceof GraphQLException given ? given
                : ApiEdgeInterceptor.translate(failure, http);
        ErrorCode code = apiError.getClass().getAnnotation(ErrorCode.class);
        String name = code == null ? "INTERNAL" : code.value();
        refuse(http, STATUS_OF_CODE.getOrDefault(name, 500), name, apiError.getMessage());
    }

    /** Ends the response; headers such as Allow or Retry-After are set by the caller before. */
    public static void refuse(RoutingContext http, int status, String code, String message) {
        http.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("errors", JsonArray.of(new JsonObject().put("message", message)
                        .put("extensions", new JsonObject().put("code", code)))).encode());
    }
}
