package io.copilot.metrics.api;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.copilot.metrics.config.ApiConfig;
import io.quarkus.oidc.OIDCException;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A token that cannot be verified because the identity provider cannot be reached (down at
 * start, or hanging while a rotated key is fetched) is not the caller's fault: HTTP 503 with
 * Retry-After and code UNAVAILABLE, instead of Quarkus' 500 page or a 401. A token that is
 * simply invalid stays 401; one whose key is cached is verified without the provider.
 * Quarkus bounds the connect to the provider but not its answer, so verifying a token is
 * bounded here as a whole: past {@link ApiConfig#tokenVerificationTimeout()} the answer is 503.
 */
@ApplicationScoped
public class IdentityProviderOutage {

    private static final Logger LOG = Logger.getLogger(IdentityProviderOutage.class);
    private static final OutageLog OUTAGE = new OutageLog(LOG, "Identity provider", Duration.ofSeconds(30),
            Instant::now);
    /** Before authentication (-200): failure handlers run in route order, so this one sees its failures first. */
    private static final int ORDER = -300;

    private static final String TIMER = IdentityProviderOutage.class.getName() + ".timer";
    /** After authentication (-200) and authorization (-100). */
    private static final int AFTER_AUTHENTICATION = -90;

    private final Vertx vertx;
    private final long verificationMillis;

    public IdentityProviderOutage(Vertx vertx, ApiConfig api) {
        this.vertx = vertx;
        this.verificationMillis = api.tokenVerificationTimeout().toMillis();
    }

    void register(@Observes Router router) {
        router.route("/graphql").order(ORDER).handler(this::boundVerification).failureHandler(this::answer);
        router.route("/graphql").order(AFTER_AUTHENTICATION).handler(this::verified);
    }

    private void boundVerification(RoutingContext http) {
        http.put(TIMER, vertx.setTimer(verificationMillis, ignored -> {
            if (!http.response().headWritten()) {
                OUTAGE.failed(new TimeoutException("verifying a token took over " + verificationMillis + " ms"));
                unavailable(http);
            }
        }));
        http.next();
    }

    private void verified(RoutingContext http) {
        Long timer = http.get(TIMER);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
        if (http.response().headWritten()) {
            return; // the time bound has answered already
        }
        OUTAGE.answered();
        http.next();
    }

    private void answer(RoutingContext http) {
        Long timer = http.get(TIMER);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
        Throwable failure = http.failure();
        if (http.response().headWritten()) {
            return;
        }
        if (failure == null || !providerUnreachable(failure)) {
            http.next();
            return;
        }
        OUTAGE.failed(failure);
        unavailable(http);
    }

    private static void unavailable(RoutingContext http) {
        http.response().putHeader("Retry-After", UnavailableResponses.RETRY_AFTER_SECONDS);
        EdgeAnswers.refuse(http, 503, "UNAVAILABLE",
                "The identity provider cannot be reached to verify the token; retry later");
    }

    static boolean providerUnreachable(Throwable failure) {
        return Causes.any(failure, cause -> cause instanceof OIDCException || cause instanceof ConnectException
                || Causes.isTimeout(cause));
    }
}
