package io.copilot.metrics.health;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.copilot.metrics.tenancy.LocalSigningKey;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * The AOT cache's training run ({@code EXIT_AFTER_START=true}) verifies tokens with a key pair
 * of its own ({@link LocalSigningKey}), so that {@link StartupTrainingRun} can send itself
 * requests that pass token verification: an image build has no identity provider to ask. The
 * private key lives in the process's memory only, and the process exits once trained. Inactive
 * in every other run.
 */
public class StartupTrainingConfigSourceFactory implements ConfigSourceFactory {

    /** The issuer of the training run's tokens. */
    static final String ISSUER = "copilot-metrics-startup-training";
    /** Above application.properties (250), below environment variables (300). */
    private static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!trainingRun(context)) {
            return List.of();
        }
        Map<String, String> plain = Map.of("quarkus.oidc.public-key", LocalSigningKey.publicKey(),
                "quarkus.oidc.token.issuer", ISSUER,
                // empty: no discovery; the public key above is the only one trusted
                "quarkus.oidc.auth-server-url", "");
        Map<String, String> config = new HashMap<>();
        // %prod keys in application.properties would otherwise win over plain ones
        plain.forEach((key, value) -> {
            config.put(key, value);
            config.put("%prod." + key, value);
        });
        return List.of(new PropertiesConfigSource(config, "copilot-metrics-startup-training", ORDINAL));
    }

    private static boolean trainingRun(ConfigSourceContext context) {
        ConfigValue value = context.getValue(StartupTrainingRun.EXIT_AFTER_START);
        return value != null && "true".equalsIgnoreCase(value.getValue());
    }
}
