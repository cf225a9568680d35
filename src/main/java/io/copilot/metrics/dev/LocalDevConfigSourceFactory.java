package io.copilot.metrics.dev;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.copilot.metrics.config.LocalPostgresServer;
import io.copilot.metrics.tenancy.LocalSigningKey;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Dev mode on a machine without a container engine, where Dev Services can start neither
 * PostgreSQL nor Keycloak:
 * <ul>
 * <li>the local PostgreSQL server and a persistent database (DEV_DB_NAME, default
 * copilot_metrics_dev), created on first start;</li>
 * <li>tokens verified against an in-memory development key, minted by GET /dev/token.</li>
 * </ul>
 * Inactive in every other profile.
 */
public class LocalDevConfigSourceFactory implements ConfigSourceFactory {

    /** The issuer of the tokens GET /dev/token mints. */
    static final String ISSUER = "copilot-metrics-dev";

    /** Above application.properties (250), below environment variables (300). */
    static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!context.getProfiles().contains("dev") || !LocalPostgresServer.isNeeded()) {
            return List.of();
        }
        String database = System.getenv().getOrDefault("DEV_DB_NAME", "copilot_metrics_dev");
        LocalPostgresServer.createDatabaseIfMissing(database);
        Map<String, String> plain = new HashMap<>(LocalPostgresServer.datasourceConfig(database));
        plain.put("quarkus.keycloak.devservices.enabled", "false");
        plain.put("quarkus.oidc.devservices.enabled", "false");
        plain.put("quarkus.oidc.public-key", LocalSigningKey.publicKey());
        plain.put("quarkus.oidc.token.issuer", ISSUER);

        Map<String, String> config = new HashMap<>();
        // Profile-specific keys in application.properties would otherwise win over plain ones.
        plain.forEach((key, value) -> {
            config.put(key, value);
            config.put("%dev." + key, value);
        });
        return List.of(new PropertiesConfigSource(config, "copilot-metrics-local-dev", ORDINAL));
    }
}
