package io.copilot.metrics.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.AotCache;
import io.copilot.metrics.testsupport.ExternalProcess;
import io.copilot.metrics.testsupport.OwnerDatabase;
import io.copilot.metrics.testsupport.PackagedServiceCommand;
import io.copilot.metrics.testsupport.ThrowawayDatabase;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.json.JsonObject;

/**
 * The container image's startup cache, made as {@code docker/Dockerfile.jvm} makes it (JDK 25,
 * no database; the service answers the dashboard's requests it sends itself, then exits), is one
 * the JVM can use with this packaging: the service started with {@code -XX:AOTMode=on}, which
 * refuses to start on a cache it cannot use, answers a signed query, and most classes it loaded,
 * those of answering among them, came from the cache (nine in ten here; the rest are mostly the
 * database's protocol and TLS, which a training run without a database never reaches; three in
 * four when the training only started).
 */
class PackagedAppStartupCacheIT {

    private static final String ISSUER = "https://startup-cache.example.com";
    private static final Path CACHE = Path.of("..", "startup-cache-it.aot");
    private static final Path CLASS_LOG = Path.of("..", "startup-cache-it-classes.log");
    private static final List<String> JVM = List.of("-XX:+UseSerialGC", "-Xmx128m");
    private static String database;

    @AfterAll
    static void dropDatabase() throws Exception {
        if (database != null) {
            ThrowawayDatabase.drop(database);
        }
    }

    @Test
    void theImagesCacheIsUsedForTheApplicationsClasses() throws Exception {
        Path java = AotCache.java().orElse(null);
        Assumptions.assumeTrue(java != null, "no JDK 25 here (JAVA25_HOME): an AOT cache needs one");
        AotCache.makeWithoutDatabase(java, JVM, CACHE);
        // every request of the training run passed token verification and reached the database
        // (UNAVAILABLE: there is none), none refused as unauthenticated or forbidden
        String training = Files.readAllLines(AotCache.TRAINING_LOG).stream()
                .filter(line -> line.contains("Startup training:")).findFirst().orElseThrow();
        assertThat(training).contains("5 rounds, 45 requests answered, by outcome {200=5, 503 UNAVAILABLE=40}");

        database = ThrowawayDatabase.fresh("copilot_metrics_startup_cache");
        KeyPair key = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        int apiPort = ExternalProcess.freePort();
        int managementPort = ExternalProcess.freePort();
        List<String> options = new ArrayList<>(JVM);
        options.addAll(List.of("-XX:AOTCache=" + CACHE, "-XX:AOTMode=on", "-Xlog:class+load=info:file=" + CLASS_LOG));
        List<String> command = PackagedServiceCommand.fromAppDirectory(java, options, apiPort, managementPort, database,
                key, ISSUER);

        try (ExternalProcess service = ExternalProcess.start("copilot-metrics", command, Map.of("LOG_JSON", "false"),
                Path.of("target", "startup-cache-service.log"), AotCache.APP)) {
            service.awaitHttpOk("http://localhost:" + managementPort + "/q/health/ready", Duration.ofSeconds(90));
            UUID tenant = UUID.randomUUID();
            String token = Jwt.claims().issuer(ISSUER).audience("copilot-metrics").subject("startup-cache")
                    .claim("tenant_id", tenant.toString()).expiresIn(600).jws().sign(key.getPrivate());
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create("http://localhost:" + apiPort + "/graphql"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                            .put("query", OwnerDatabase.resource("graphql/me.graphql")).encode()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(answer.body()).getJsonObject("data").getJsonObject("me").getString("tenantId"))
                    .isEqualTo(tenant.toString());
        }
        List<String> loaded = Files.readAllLines(AotCache.APP.resolve(CLASS_LOG)).stream()
                .filter(line -> line.contains("[class,load]")).toList();
        long cached = loaded.stream().filter(line -> line.endsWith("source: shared objects file")).count();
        assertThat(cached).as("classes from the cache, of %d loaded", loaded.size()).isGreaterThan(loaded.size() * 4 / 5);
        assertThat(loaded).anyMatch(line -> line.contains("io.copilot.metrics.api.GraphQLEngine source: shared objects file"));
        assertThat(loaded).anyMatch(line -> line.contains("io.copilot.metrics.config.ApiConfig source: shared objects file"));
        // loaded by answering a request only: there because the training run answered some
        for (String answering : List.of("io.copilot.metrics.api.GraphQLPostRoute$Writer",
                "io.copilot.metrics.api.GraphQLResponseJson", "io.copilot.metrics.tenancy.VerifiedClaims")) {
            assertThat(loaded).anyMatch(line -> line.contains(answering + " source: shared objects file"));
        }
    }
}
