package io.copilot.metrics.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Live quota alerts (GraphQL subscription quotaAlerts): how many, how slow a client may be, how often to re-check. */
@ConfigMapping(prefix = "copilot-metrics.quota-alerts")
public interface QuotaAlertConfig {

    /** Open quotaAlerts subscriptions one caller (token subject) may hold on this instance. */
    @WithDefault("20")
    int maxPerCaller();

    /** Open quotaAlerts subscriptions this instance serves: each holds about 75 KB of heap while open. */
    @WithDefault("2000")
    int maxPerInstance();

    /**
     * Alerts of one subscription that may wait for a client that does not read, beyond what its
     * connection's send buffer holds; one more and the connection is closed.
     */
    @WithDefault("32")
    int maxPendingPerSubscription();

    /**
     * How often every subscriber's quotas are re-read whatever was announced: a new period's
     * quota (back to OK) is noticed within this time, and nothing a lost notification would
     * have said stays unsaid longer.
     */
    @WithDefault("60s")
    Duration resyncInterval();

    /**
     * How long the listener waits before reconnecting after its database connection was lost, and
     * a subscriber's re-read before it is tried again after it failed (doubling with each failure,
     * up to the resync interval).
     */
    @WithDefault("1s")
    Duration reconnectDelay();
}
