package io.copilot.metrics.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.copilot.metrics.tenancy.LocalSigningKey;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The training run's own key is trusted in the training run only: any other start verifies
 * tokens with what its configuration names, so a token signed with that key gets nowhere.
 */
class StartupTrainingConfigSourceFactoryTest {

    /** As application.properties has it. */
    private static final Map<String, String> APPLICATION = Map.of(StartupTrainingRun.EXIT_AFTER_START,
            "${EXIT_AFTER_START:false}", "%prod.quarkus.oidc.auth-server-url", "https://idp.example.com/realms/copilot");

    @Test
    void aTrainingRunTrustsItsOwnKeyAndAsksNoIdentityProvider() {
        SmallRyeConfig config = config(Map.of("EXIT_AFTER_START", "true"));

        assertThat(config.getOptionalValue("quarkus.oidc.public-key", String.class)).contains(LocalSigningKey.publicKey());
        assertThat(config.getOptionalValue("quarkus.oidc.token.issuer", String.class))
                .contains(StartupTrainingConfigSourceFactory.ISSUER);
        assertThat(config.getOptionalValue("quarkus.oidc.auth-server-url", String.class)).isEmpty();
    }

    @Test
    void anyOtherStartTrustsOnlyWhatItIsConfiguredWith() {
        for (Map<String, String> environment : List.of(Map.<String, String> of(), Map.of("EXIT_AFTER_START", "false"))) {
            SmallRyeConfig config = config(environment);

            assertThat(config.getOptionalValue("quarkus.oidc.public-key", String.class)).isEmpty();
            assertThat(config.getOptionalValue("quarkus.oidc.token.issuer", String.class)).isEmpty();
            assertThat(config.getOptionalValue("quarkus.oidc.auth-server-url", String.class))
                    .contains("https://idp.example.com/realms/copilot");
        }
    }

    private static SmallRyeConfig config(Map<String, String> environment) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors().withProfile("prod")
                .withSources(new PropertiesConfigSource(APPLICATION, "application.properties", 250),
                        new PropertiesConfigSource(environment, "environment", 300))
                .withSources(new StartupTrainingConfigSourceFactory()).build();
    }
}
