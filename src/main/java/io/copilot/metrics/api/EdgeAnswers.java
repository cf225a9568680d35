package io.copilot.metrics.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The answers the HTTP edge gives before GraphQL runs (400, 405, 429, 503), in the shape GraphQL
 * errors have, so a client reads every refusal the same way: {@code errors[0].extensions.code}.
 */
final class EdgeAnswers {

    private EdgeAnswers() {
    }

    /** Ends the response; headers such as Allow or Retry-After are set by the caller before. */
    static void refuse(RoutingContext http, int status, String code, String message) {
        http.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("errors", JsonArray.of(new JsonObject().put("message", message)
                        .put("extensions", new JsonObject().put("code", code)))).encode());
    }
}
