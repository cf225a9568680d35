package io.copilot.metrics.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.copilot.metrics.config.RateLimitConfig;
import io.copilot.metrics.config.TenancyConfig;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Per-caller limits on /graphql, checked after authentication: requests per second (a token
 * bucket with a burst) and requests in flight at once. A caller is a token subject in its
 * tenant. Over a limit the answer is HTTP 429 with Retry-After and code RATE_LIMITED, and no
 * GraphQL or database work is done.
 */
@ApplicationScoped
public class CallerLimits {

    static final String RETRY_AFTER_SECONDS = "1";
    /** After authentication (-200) and authorization (-100), before the request's shape is read. */
    private static final int ORDER = -60;
    private static final int FORGET_IDLE_AFTER_ENTRIES = 10_000;

    private final RateLimitConfig limits;
    /** The top-level claim holding the tenant (the first segment of a dotted path): enough to tell callers apart. */
    private final String tenantClaimRoot;
    private final LongSupplier nanoTime;
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();

    @Inject
    public CallerLimits(RateLimitConfig limits, TenancyConfig tenancy) {
        this(limits, tenancy, System::nanoTime);
    }

    CallerLimits(RateLimitConfig limits, TenancyConfig tenancy, LongSupplier nanoTime) {
        this.limits = limits;
        this.tenantClaimRoot = tenancy.tenantClaim().split("\\.", 2)[0];
        this.nanoTime = nanoTime;
    }

    void register(@Observes Router router) {
        if (limits.enabled()) {
            router.post("/graphql").order(ORDER).handler(this::admit);
        }
    }

    private void admit(RoutingContext http) {
        String caller = callerKey(http);
        if (caller == null) {
            http.next();
            return;
        }
        Budget budget = budgets.computeIfAbsent(caller, ignored -> new Budget(limits.burst(), nanoTime.getAsLong()));
        String refusal = budget.take(limits, nanoTime.getAsLong());
        if (refusal != null) {
            http.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
            EdgeAnswers.refuse(http, 429, "RATE_LIMITED", refusal);
            return;
        }
        // Released once, when the answer's headers go out (the work is done by then) or the
        // request ends without one (connection closed).
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                budget.release();
            }
        };
        http.addHeadersEndHandler(ignored -> release.run());
        http.addEndHandler(ignored -> release.run());
        forgetIdleCallers();
        http.next();
    }

    private String callerKey(RoutingContext http) {
        if (!(http.user() instanceof QuarkusHttpUser user)) {
            return null;
        }
        SecurityIdentity identity = user.getSecurityIdentity();
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return null;
        }
        Object tenant = token.getClaim(tenantClaimRoot);
        return token.getSubject() + "|" + tenant;
    }

    private void forgetIdleCallers() {
        if (budgets.size() > FORGET_IDLE_AFTER_ENTRIES) {
            long now = nanoTime.getAsLong();
            budgets.values().removeIf(budget -> budget.idleSince(now) > 60_000_000_000L);
        }
    }

    /** One caller's token bucket and in-flight count. */
    static final class Budget {
        private double tokens;
        private long refilledAt;
        private int inFlight;

        Budget(int burst, long now) {
            this.tokens = burst;
            this.refilledAt = now;
        }

        /** Null when the request may run (and is counted), else why not. */
        synchronized String take(RateLimitConfig limits, long now) {
            tokens = Math.min(limits.burst(), tokens + (now - refilledAt) / 1e9 * limits.requestsPerSecond());
            refilledAt = now;
            if (inFlight >= limits.concurrent()) {
                return "Too many requests of this caller at once (at most " + limits.concurrent() + "); retry shortly";
            }
            if (tokens < 1) {
                return "Too many requests of this caller (at most " + limits.requestsPerSecond()
                        + " a second); retry shortly";
            }
            tokens -= 1;
            inFlight++;
            return null;
        }

        synchronized void release() {
            inFlight--;
        }

        synchronized long idleSince(long now) {
            return inFlight > 0 ? 0 : now - refilledAt;
        }
    }
}
