package io.copilot.metrics.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.copilot.metrics.config.LocalPostgresServer;
import io.copilot.metrics.testsupport.ExternalProcess;
import io.copilot.metrics.testsupport.ThrowawayDatabase;
import io.copilot.metrics.testsupport.PackagedServiceCommand;
import io.copilot.metrics.testsupport.TcpProxy;
import io.smallrye.jwt.build.Jwt;

/**
 * The packaged service under faults, its database behind a proxy the test opens and shuts:
 * started before the database, it retries until the database comes; during an outage it answers
 * 503 UNAVAILABLE and logs the outage once, not per request; on SIGTERM readiness turns DOWN at
 * once while requests are still answered for the shutdown delay.
 */
class PackagedAppFaultsIT {

    private static final String ISSUER = "https://faults.example.com";
    private static String database;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterAll
    static void dropDatabase() throws Exception {
        ThrowawayDatabase.drop(database);
    }

    @Test
    void startsLateRidesOutAnOutageAndDrainsOnSigterm() throws Exception {
        database = ThrowawayDatabase.fresh("copilot_metrics_faults");
        KeyPair key = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        int apiPort = ExternalProcess.freePort();
        int managementPort = ExternalProcess.freePort();
        String api = "http://localhost:" + apiPort + "/graphql";
        String ready = "http://localhost:" + managementPort + "/q/health/ready";
        try (TcpProxy proxy = new TcpProxy(ExternalProcess.freePort(), LocalPostgresServer.host(),
                Integer.parseInt(LocalPostgresServer.port()));
                ExternalProcess service = ExternalProcess.start("copilot-metrics",
                        PackagedServiceCommand.behindProxy(apiPort, managementPort, proxy.port(), database, key, ISSUER,
                                "-Dquarkus.shutdown.delay=3s", "-DDB_CONNECT_RETRIES_INTERVAL=2s"),
                        Map.of("LOG_JSON", "false"), Path.of("target", "faults-service.log"))) {

            // 1. The database is down at start: the service waits for it, one line per attempt.
            Thread.sleep(7_000);
            assertThat(service.isAlive()).as("still waiting for the database:\n" + service.tail()).isTrue();
            assertThat(service.log()).contains("Connection error").doesNotContain("\tat ");
            proxy.open();
            service.awaitHttpOk(ready, Duration.ofSeconds(60));

            String token = token(key);
            assertThat(post(api, token).statusCode()).isEqualTo(200);

            // 2. An outage: 503 with Retry-After and UNAVAILABLE, logged by state, not per request.
            proxy.shut();
            List<HttpResponse<String>> during = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                during.add(post(api, token));
            }
            assertThat(during).allSatisfy(response -> {
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
                assertThat(response.body()).contains("UNAVAILABLE").doesNotContain("INTERNAL");
            });
            proxy.open();
            awaitStatus(api, token, 200, Duration.ofSeconds(30));
            String log = service.log();
            assertThat(count(log, "Database unavailable")).as(log).isEqualTo(1);
            assertThat(count(log, "Database available again")).isEqualTo(1);
            assertThat(log).doesNotContain("ERROR");

            // 3. SIGTERM: readiness DOWN at once, requests still answered during the delay, then exit.
            service.terminate();
            long signalled = System.nanoTime();
            awaitStatus(ready, null, 503, Duration.ofSeconds(1));
            assertThat((System.nanoTime() - signalled) / 1_000_000).as("ms to readiness DOWN").isLessThan(1_000);
            assertThat(post(api, token).statusCode()).as("still answering during the delay").isEqualTo(200);
            assertThat(service.awaitExit(Duration.ofSeconds(20))).as("exits after the delay").isPresent();
        }
    }


    private static String token(KeyPair key) {
        return Jwt.claims().issuer(ISSUER).audience("copilot-metrics").subject(UUID.randomUUID().toString())
                .claim("tenant_id", UUID.randomUUID().toString()).expiresIn(600).jws().sign(key.getPrivate());
    }

    private static HttpResponse<String> post(String url, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ quotaStatus { status } }\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitStatus(String url, String token, int status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            try {
                last = token != null ? post(url, token).statusCode()
                        : HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                if (last == status) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not answering at this instant
            }
            Thread.sleep(50);
        }
        throw new AssertionError(url + " did not answer " + status + " within " + within + " (last " + last + ")");
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
