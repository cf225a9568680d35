package io.copilot.metrics.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * GraphQL answers HTTP 200 even when a field failed. When a dependency is down the caller
 * should rather see it at the HTTP level, so load balancers and clients back off and retry:
 * a request during which the API edge met UNAVAILABLE is answered 503 with Retry-After (the
 * body keeps the GraphQL errors with their code).
 */
@ApplicationScoped
public class UnavailableResponses {

    static final String MARK = UnavailableResponses.class.getName();
    static final String RETRY_AFTER_SECONDS = "5";

    static void mark(RoutingContext http) {
        if (http != null) {
            http.put(MARK, Boolean.TRUE);
        }
    }

    void register(@Observes Router router) {
        router.route("/graphql").order(-100).handler(http -> {
            http.addHeadersEndHandler(ignored -> {
                if (Boolean.TRUE.equals(http.get(MARK))) {
                    http.response().setStatusCode(503).putHeader("Retry-After", RETRY_AFTER_SECONDS);
                }
            });
            http.next();
        });
    }
}
