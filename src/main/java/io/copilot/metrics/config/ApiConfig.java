package io.copilot.metrics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the GraphQL API. */
@ConfigMapping(prefix = "copilot-metrics.api")
public interface ApiConfig {

    /** Page size of connections and lists when the caller gives none. */
    @WithDefault("20")
    int defaultPageSize();

    /** Largest page size a caller may ask for. */
    @WithDefault("100")
    int maxPageSize();

    /** Time range of aggregates when the caller gives no "from", counted back from "to". */
    @WithDefault("30")
    int defaultRangeDays();
}
