package io.copilot.metrics.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.copilot.metrics.config.LocalPostgresServer;

/**
 * Points the tests at a fresh database on the local server when Dev Services cannot run. It
 * has to be a ConfigSource: the datasource must be known when Quarkus boots, before any
 * QuarkusTestResourceLifecycleManager starts. Where a container engine exists it supplies
 * nothing and Dev Services take over.
 */
public class LocalPostgresConfigSource implements ConfigSource {

    private Map<String, String> properties;

    @Override
    public Map<String, String> getProperties() {
        if (properties == null) {
            properties = LocalPostgresServer.isNeeded() ? withTestProfileKeys(localServer()) : Map.of();
        }
        return properties;
    }

    /** The datasource and Flyway settings for this JVM's fresh database. */
    public static Map<String, String> localServer() {
        Map<String, String> config = new HashMap<>(LocalPostgresServer.datasourceConfig(LocalPostgres.database()));
        config.put("quarkus.keycloak.devservices.enabled", "false");
        return config;
    }

    // Profile-specific keys in application.properties would otherwise win over the plain ones.
    private static Map<String, String> withTestProfileKeys(Map<String, String> config) {
        Map<String, String> both = new HashMap<>(config);
        config.forEach((key, value) -> both.put("%test." + key, value));
        return both;
    }

    @Override
    public Set<String> getPropertyNames() {
        return getProperties().keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return getProperties().get(propertyName);
    }

    @Override
    public String getName() {
        return "copilot-metrics-local-test-database";
    }

    @Override
    public int getOrdinal() {
        // above application.properties (250), below environment variables (300)
        return 275;
    }
}
