package io.copilot.metrics.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.copilot.metrics.config.LocalPostgresServer;
import io.copilot.metrics.testsupport.ExternalProcess;
import io.copilot.metrics.testsupport.ThrowawayDatabase;
import io.copilot.metrics.testsupport.PausableOidcProvider;

/**
 * The packaged service with an identity provider that is down at start, then hangs: requests
 * never wait longer than the provider time-out, a token that cannot be verified for want of the
 * provider is 503 UNAVAILABLE (not a 500 page, not 401), a token whose key is cached is served,
 * and readiness reports the provider.
 */
class PackagedAppIdentityProviderFaultsIT {

    private static String database;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterAll
    static void dropDatabase() throws Exception {
        ThrowawayDatabase.drop(database);
    }

    @Test
    void theProviderDownOrHangingCostsBoundedTimeAndA503() throws Exception {
        database = ThrowawayDatabase.fresh("copilot_metrics_idp_faults");
        int apiPort = ExternalProcess.freePort();
        int managementPort = ExternalProcess.freePort();
        String api = "http://localhost:" + apiPort + "/graphql";
        String ready = "http://localhost:" + managementPort + "/q/health/ready";
        try (PausableOidcProvider provider = new PausableOidcProvider(ExternalProcess.freePort());
                ExternalProcess service = ExternalProcess.start("copilot-metrics",
                        command(apiPort, managementPort, provider.url()), Map.of("LOG_JSON", "false"),
                        Path.of("target", "idp-faults-service.log"))) {
            service.awaitHttpOk("http://localhost:" + managementPort + "/q/health/live", Duration.ofSeconds(60));

            // Started while the provider is down: readiness DOWN, requests 503 with a code, quickly.
            assertThat(status(ready)).isEqualTo(503);
            HttpResponse<String> down = timed(api, provider.token(PausableOidcProvider.PUBLISHED), Duration.ofSeconds(8));
            assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
            assertThat(down.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                    .contains("json"));
            assertThat(down.body()).contains("UNAVAILABLE");

            // The provider comes: readiness UP, the token is served.
            provider.start();
            service.awaitHttpOk(ready, Duration.ofSeconds(30));
            String cached = provider.token(PausableOidcProvider.PUBLISHED);
            assertThat(timed(api, cached, Duration.ofSeconds(8)).statusCode()).isEqualTo(200);

            // The provider hangs: a rotated key's token is 503 within the time-out; a cached key's token is served.
            provider.setMode(PausableOidcProvider.Mode.HANGING);
            HttpResponse<String> rotated = timed(api, provider.token(PausableOidcProvider.ROTATED), Duration.ofSeconds(8));
            assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(503);
            assertThat(rotated.body()).contains("UNAVAILABLE");
            assertThat(timed(api, cached, Duration.ofSeconds(2)).statusCode()).isEqualTo(200);
            assertThat(timed(api, "not.a.token", Duration.ofSeconds(2)).statusCode())
                    .as("an invalid token stays 401").isEqualTo(401);
            provider.setMode(PausableOidcProvider.Mode.UP);
        }
    }

    private static List<String> command(int apiPort, int managementPort, String provider) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + apiPort, "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.oidc.auth-server-url=" + provider));
        LocalPostgresServer.datasourceConfig(database).forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        return command;
    }

    /** The answer, which must come within {@code within}. */
    private static HttpResponse<String> timed(String url, String token, Duration within) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(within)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ quotaStatus { status } }\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
