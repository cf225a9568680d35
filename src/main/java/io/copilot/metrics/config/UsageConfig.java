package io.copilot.metrics.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The write path: how usage may be recorded and how long what it leaves behind is kept. */
@ConfigMapping(prefix = "copilot-metrics.usage")
public interface UsageConfig {

    /** Most items one recordUsage batch may carry. */
    @WithDefault("500")
    int maxBatchSize();

    /**
     * How long idempotency keys are kept, and so how old usage may be when it is recorded: older
     * usage is refused, which makes a replay after its key was pruned impossible.
     */
    @WithDefault("35d")
    Duration idempotencyRetention();

    /** How far in the future occurredAt may lie (the callers' clocks drift). */
    @WithDefault("5m")
    Duration maxClockSkew();

    /** How long a reservation holds its amount on the quotas if its usage is never recorded. */
    @WithDefault("15m")
    Duration reservationTtl();

    /** How often expired reservations are released and old idempotency keys pruned. */
    @WithDefault("60s")
    Duration maintenanceInterval();

    /** Most metadata entries one record may carry. */
    @WithDefault("32")
    int maxMetadataEntries();
}
