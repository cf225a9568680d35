package io.copilot.metrics.testsupport;

import java.util.Map;

import io.copilot.metrics.config.LocalPostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Hands the local-server datasource to an application Quarkus launches as a separate process
 * ({@code @QuarkusIntegrationTest}), which does not see the test class path's ConfigSource.
 * The packaged application then migrates and serves the same fresh database the test inspects.
 */
public class LocalPostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return LocalPostgresServer.isNeeded() ? LocalPostgresConfigSource.localServer() : Map.of();
    }

    @Override
    public void stop() {
        // the database is dropped when the test JVM exits
    }
}
