package io.copilot.metrics.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long the service waits on PostgreSQL before answering UNAVAILABLE instead. */
@ConfigMapping(prefix = "copilot-metrics.database")
public interface DatabaseConfig {

    /** Longest an API statement may run (or wait on a lock): PostgreSQL's statement_timeout, per transaction. */
    @WithDefault("15s")
    Duration statementTimeout();

    /** Longest a request waits for a pooled connection. */
    @WithDefault("5s")
    Duration poolWaitTimeout();

    /** Most requests that may wait for a pooled connection at once; the next is answered at once. */
    @WithDefault("256")
    int poolMaxWaiting();

    /** Longest the readiness probe's own database check may take. */
    @WithDefault("1s")
    Duration readinessTimeout();
}
