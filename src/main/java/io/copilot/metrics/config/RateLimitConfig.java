package io.copilot.metrics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What one caller (token subject in its tenant) may ask of the API at once and per second. */
@ConfigMapping(prefix = "copilot-metrics.rate-limit")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /** Sustained requests per second per caller. */
    @WithDefault("200")
    int requestsPerSecond();

    /** Requests a caller may send at once above the sustained rate after being idle. */
    @WithDefault("400")
    int burst();

    /** Requests of one caller in flight at the same time. */
    @WithDefault("16")
    int concurrent();
}
