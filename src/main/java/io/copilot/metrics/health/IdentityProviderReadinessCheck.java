package io.copilot.metrics.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.copilot.metrics.config.DatabaseConfig;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Can the identity provider be reached? Its discovery document is fetched at most every few
 * seconds (the answer is cached), each time bounded by the readiness time-out, so a hanging
 * provider never hangs the probe. Without a provider (keys configured locally) it is UP.
 */
@Readiness
@ApplicationScoped
public class IdentityProviderReadinessCheck implements AsyncHealthCheck {

    static final String NAME = "identity provider";
    private static final Duration CACHED_FOR = Duration.ofSeconds(5);

    private final Optional<URI> discovery;
    private final Duration timeout;
    private final HttpClient http;
    private final AtomicReference<Answer> last = new AtomicReference<>();

    private record Answer(HealthCheckResponse response, Instant at) {
    }

    public IdentityProviderReadinessCheck(DatabaseConfig limits,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> provider) {
        this.discovery = provider.filter(url -> !url.isBlank())
                .map(url -> URI.create(url.replaceFirst("/$", "") + "/.well-known/openid-configuration"));
        this.timeout = limits.readinessTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (discovery.isEmpty()) {
            return Uni.createFrom().item(HealthCheckResponse.named(NAME).up().withData("keys", "configured locally")
                    .build());
        }
        Answer cached = last.get();
        if (cached != null && cached.at().plus(CACHED_FOR).isAfter(Instant.now())) {
            return Uni.createFrom().item(cached.response());
        }
        return Uni.createFrom()
                .completionStage(() -> http.sendAsync(HttpRequest.newBuilder(discovery.get()).timeout(timeout).build(),
                        HttpResponse.BodyHandlers.discarding()))
                .map(answer -> answer.statusCode() == 200 ? HealthCheckResponse.up(NAME)
                        : down("HTTP " + answer.statusCode()))
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithItem(failure -> down(failure.getClass().getSimpleName()))
                .invoke(response -> last.set(new Answer(response, Instant.now())));
    }

    private static HealthCheckResponse down(String why) {
        return HealthCheckResponse.named(NAME).down().withData("error", why).build();
    }
}
