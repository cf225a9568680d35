package io.copilot.metrics.health;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.copilot.metrics.config.TenancyConfig;
import io.copilot.metrics.tenancy.LocalSigningKey;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code EXIT_AFTER_START=true}: the training run of the JVM's ahead-of-time cache
 * ({@code -XX:AOTCacheOutput}, JDK 25) that docker/Dockerfile.jvm makes while building the
 * image. The service starts (no database to reach: migrations off; the pool, the alert listener
 * and the maintenance jobs only warn), then sends itself the dashboard's requests over HTTP
 * ({@code startup-training/dashboard.graphql}) with tokens it trusts for this run only
 * ({@link StartupTrainingConfigSourceFactory}), and exits with code 0. Answering them, without
 * rows, loads what every later start's first request would otherwise read from the jars: token
 * verification, the GraphQL edge and execution, the API's services, the database error path and
 * the answer's JSON. A request that fails is logged and counted, never fatal: the cache is only
 * smaller.
 */
@ApplicationScoped
class StartupTrainingRun {

    static final String EXIT_AFTER_START = "copilot-metrics.exit-after-start";

    private static final Logger LOG = Logger.getLogger(StartupTrainingRun.class);
    private static final String DOCUMENT = "startup-training/dashboard.graphql";
    private static final List<String> READS = List.of("CostByTenant", "CostSeries", "AllCosts", "QuotaStatus", "Me",
            "CostBreakdown");
    /** Enough for the JIT's method profiles to see each path more than once; seconds in all. */
    private static final int ROUNDS = 5;
    private static final Duration LISTENING_WITHIN = Duration.ofSeconds(30);

    private final boolean exitAfterStart;
    private final TenancyConfig tenancy;
    private final HttpServer httpServer;
    private final Vertx vertx;

    StartupTrainingRun(@ConfigProperty(name = EXIT_AFTER_START, defaultValue = "false") boolean exitAfterStart,
            TenancyConfig tenancy, HttpServer httpServer, Vertx vertx) {
        this.exitAfterStart = exitAfterStart;
        this.tenancy = tenancy;
        this.httpServer = httpServer;
        this.vertx = vertx;
    }

    // after every other startup observer, so that what they load is recorded too
    void started(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) StartupEvent event) {
        if (exitAfterStart) {
            // off the startup thread: the HTTP server may start listening only after the observers ran
            Thread training = new Thread(this::trainThenExit, "startup-training");
            training.setDaemon(true);
            training.start();
        }
    }

    private void trainThenExit() {
        try {
            Map<String, Integer> outcomes = train();
            LOG.infof("Startup training: %d rounds, %d requests answered, by outcome %s; exiting as %s asks", ROUNDS,
                    outcomes.values().stream().mapToInt(Integer::intValue).sum(), outcomes, EXIT_AFTER_START);
        } catch (Exception e) {
            LOG.warnf("Startup training stopped early (%s); exiting as %s asks", e, EXIT_AFTER_START);
        } finally {
            Quarkus.asyncExit(0);
        }
    }

    /**
     * Every round: the liveness probe, each read as a tenant's user, topSpendingTenants as an
     * administrator, a record as a service account. Answers the count of each outcome.
     */
    private Map<String, Integer> train() throws Exception {
        PrivateKey key = LocalSigningKey.privateKey()
                .orElseThrow(() -> new IllegalStateException("no training key: tokens are verified with another"));
        String tenant = UUID.randomUUID().toString();
        String user = sign(key, "startup-training-user", tenant, List.of());
        String admin = sign(key, "startup-training-admin", null, List.of(tenancy.adminRole()));
        String writer = sign(key, "startup-training-writer", null, List.of(tenancy.usageWriterRole()));
        String document = document();
        Instant now = Instant.now();
        JsonObject month = new JsonObject().put("from", now.minus(Duration.ofDays(30)).toString())
                .put("to", now.toString());

        // a connection per request: with kept-alive connections about one training in four had a
        // liveness probe in a later round left unanswered (10 s timeout, the run cut short)
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("localhost")
                .setKeepAlive(false));
        try {
            int api = awaitListening(client, httpServer::getPort);
            int management = awaitListening(client, httpServer::getManagementPort);
            Map<String, Integer> outcomes = new TreeMap<>();
            for (int round = 0; round < ROUNDS; round++) {
                // an orchestrator's liveness probe (readiness is DOWN without a database, by design)
                outcomes.merge(get(client, management, "/q/health/live"), 1, Integer::sum);
                for (String operation : READS) {
                    outcomes.merge(post(client, api, user, document, operation, month), 1, Integer::sum);
                }
                outcomes.merge(post(client, api, admin, document, "TopSpendingTenants", month), 1, Integer::sum);
                JsonObject usage = new JsonObject().put("idempotencyKey", "startup-training-" + round)
                        .put("tenantId", tenant).put("userId", UUID.randomUUID().toString()).put("provider", "openai")
                        .put("model", "gpt-4o").put("inputTokens", 1000).put("outputTokens", 200)
                        .put("occurredAt", now.toString());
                JsonObject input = new JsonObject().put("input", usage);
                outcomes.merge(post(client, api, writer, document, "RecordLlmUsage", input), 1, Integer::sum);
            }
            return outcomes;
        } finally {
            client.close();
        }
    }

    /** The port {@code port} names once the server listens on it (it may not yet when the training starts). */
    private static int awaitListening(HttpClient client, IntSupplier port) throws InterruptedException {
        Instant deadline = Instant.now().plus(LISTENING_WITHIN);
        while (true) {
            try {
                int listening = port.getAsInt();
                get(client, listening, "/");
                return listening;
            } catch (Exception notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the service is not listening", notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    private static String get(HttpClient client, int port, String path) throws Exception {
        return client.request(HttpMethod.GET, port, "localhost", path).compose(request -> request.send())
                .compose(response -> response.body().map(ignored -> String.valueOf(response.statusCode())))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String post(HttpClient client, int port, String token, String document, String operation,
            JsonObject variables) throws Exception {
        String body = new JsonObject().put("query", document).put("operationName", operation)
                .put("variables", variables).encode();
        return client.request(HttpMethod.POST, port, "localhost", "/graphql")
                .compose(request -> request.putHeader("Content-Type", "application/json")
                        .putHeader("Authorization", "Bearer " + token).send(body))
                .compose(response -> response.body().map(answer -> outcome(response.statusCode(), answer.toString())))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The status, and the first error's code if the answer has errors: "503 UNAVAILABLE". */
    private static String outcome(int status, String answer) {
        try {
            JsonArray errors = new JsonObject(answer).getJsonArray("errors");
            if (errors != null && !errors.isEmpty()) {
                JsonObject extensions = errors.getJsonObject(0).getJsonObject("extensions", new JsonObject());
                return status + " " + extensions.getString("code", "no code");
            }
        } catch (RuntimeException notJson) {
            // an answer in another form: the status says enough
        }
        return String.valueOf(status);
    }

    /** A token shaped as the configured claims say: the tenant and the roles where the service looks for them. */
    private String sign(PrivateKey key, String subject, String tenant, List<String> roles) {
        long now = Instant.now().getEpochSecond();
        JsonObject claims = new JsonObject().put("iss", StartupTrainingConfigSourceFactory.ISSUER).put("sub", subject)
                .put("iat", now).put("exp", now + 600);
        audience().ifPresent(audience -> claims.put("aud", audience));
        if (tenant != null) {
            put(claims, tenancy.tenantClaim(), tenant);
        }
        put(claims, tenancy.rolesClaims().get(0), new JsonArray(roles));
        return LocalSigningKey.sign(claims, key);
    }

    private static Optional<String> audience() {
        return ConfigProvider.getConfig().getOptionalValues("quarkus.oidc.token.audience", String.class)
                .flatMap(audiences -> audiences.stream().findFirst());
    }

    /** Puts {@code value} at a dotted claim path, creating the objects on the way. */
    private static void put(JsonObject claims, String path, Object value) {
        String[] segments = path.split("\\.");
        JsonObject parent = claims;
        for (int i = 0; i < segments.length - 1; i++) {
            JsonObject child = parent.getJsonObject(segments[i]);
            if (child == null) {
                child = new JsonObject();
                parent.put(segments[i], child);
            }
            parent = child;
        }
        parent.put(segments[segments.length - 1], value);
    }

    private static String document() throws IOException {
        try (InputStream in = StartupTrainingRun.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IOException(DOCUMENT + " is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
