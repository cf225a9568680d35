package io.copilot.metrics.health;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;

/**
 * {@code EXIT_AFTER_START=true}: the service stops as soon as it has started, exit code 0. This
 * is the training run of the JVM's ahead-of-time cache ({@code -XX:AOTCacheOutput}, JDK 25) that
 * docker/Dockerfile.jvm makes while building the image: everything a start loads is recorded,
 * without a database to reach (migrations off; the pool, the alert listener and the maintenance
 * jobs only warn) and without serving anything.
 */
@ApplicationScoped
class ExitAfterStart {

    private static final Logger LOG = Logger.getLogger(ExitAfterStart.class);

    private final boolean exitAfterStart;

    ExitAfterStart(@ConfigProperty(name = "copilot-metrics.exit-after-start", defaultValue = "false") boolean exitAfterStart) {
        this.exitAfterStart = exitAfterStart;
    }

    // after every other startup observer, so that what they load is recorded too
    void started(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) StartupEvent event) {
        if (exitAfterStart) {
            LOG.info("Started; exiting as copilot-metrics.exit-after-start asks (the AOT cache's training run)");
            Quarkus.asyncExit(0);
        }
    }
}
