package io.copilot.metrics.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.copilot.metrics.config.LocalPostgresServer;
import io.copilot.metrics.testsupport.AotCache;
import io.copilot.metrics.testsupport.OwnerDatabase;
import io.vertx.core.json.JsonObject;

/**
 * Startup: from launching the packaged service ({@code java -jar}, the benchmark's JVM options,
 * {@code -Dbench.jvmOpts} to change them) to its first answered GraphQL query with a signed
 * token, on the benchmark database already migrated, a few rounds; with when its port opened,
 * what the service logs of its phases (Flyway's validation, Quarkus' own "started in") and the
 * CPU it spent. On JDK 25 or newer, also with the JVM's ahead-of-time cache: the container
 * image's (made by a start without a database that answers the requests it sends itself,
 * {@link AotCache}) and one trained by the first start answering 50 queries; the variants take
 * turns in every round.
 *
 * <pre>java -cp ... io.copilot.metrics.bench.StartupBenchmark [scale=1] [rounds=5]</pre>
 */
public final class StartupBenchmark {

    // relative to target/quarkus-app, where the service runs
    private static final Path TRAINED = Path.of("..", "bench", "startup-trained.aot");
    private static final Path WITHOUT_DATABASE = Path.of("..", "bench", "startup-without-database.aot");
    private static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+)s");
    private static final Pattern FLYWAY_VALIDATED =
            Pattern.compile("Successfully validated \\d+ migrations \\(execution time (\\d+):(\\d+)\\.(\\d+)s\\)");

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String database = "copilot_metrics_bench_" + scale;
        String[] caller = largestTenantOwner(database);
        // the first answer counts only with rows in it: quotas in force now, as LoadBenchmark opens them
        LoadBenchmark.openCurrentQuotas(database);
        String body = new JsonObject().put("query", OwnerDatabase.resource("graphql/quotaStatus.graphql"))
                .put("variables", new JsonObject()).encode();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();

        // a first start applies what a new build adds to the schema: not measured. On JDK 25 it is
        // also the training run of a cache that has seen queries answered.
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("no AOT cache", List.of());
        boolean aot = Runtime.version().feature() >= 25;
        List<String> training = aot ? List.of("-XX:AOTCacheOutput=" + TRAINED) : List.of();
        try (BenchService first = BenchService.launch(database, "service-startup.log", Map.of(), training)) {
            System.out.printf("service %s%n", String.join(" ", BenchService.benchJvmOptions()));
            String token = first.sign(caller[0], caller[1], List.of("user"));
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            int answered = 0;
            while (answered < 50 && System.nanoTime() < deadline && first.isAlive()) {
                if (poll(http, first, token, body) == Answer.WITH_ROWS) {
                    answered++;
                } else {
                    Thread.sleep(100);
                }
            }
        }
        if (aot) {
            AotCache.makeWithoutDatabase(Path.of(System.getProperty("java.home"), "bin", "java"),
                    BenchService.benchJvmOptions(), WITHOUT_DATABASE);
            variants.put("AOT cache, image's (trained without a database)", List.of("-XX:AOTCache=" + WITHOUT_DATABASE,
                    "-XX:AOTMode=on"));
            variants.put("AOT cache, trained (50 queries answered)", List.of("-XX:AOTCache=" + TRAINED,
                    "-XX:AOTMode=on"));
        } else {
            System.out.printf("JDK %d: an AOT cache needs 25 or newer, measured without one%n", Runtime.version().feature());
        }
        System.out.printf("%-6s %-50s %12s %14s %12s %14s %12s %9s%n", "round", "variant", "listening", "first answer",
                "Quarkus says", "Flyway validate", "CPU to answer", "RSS MB");
        Map<String, List<Double>> answers = new LinkedHashMap<>();
        // interleaved, so that the machine's drift falls on every variant alike
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
                try (BenchService service = BenchService.launch(database, "service-startup.log", Map.of(),
                        variant.getValue())) {
                    long launched = service.launchedNanos();
                    String token = service.sign(caller[0], caller[1], List.of("user"));
                    long deadline = launched + Duration.ofSeconds(60).toNanos();
                    // when the request that first got through was sent: the port opened within one poll before
                    long listening = 0;
                    while (true) {
                        long sent = System.nanoTime();
                        Answer answer = poll(http, service, token, body);
                        if (answer != Answer.NOT_LISTENING && listening == 0) {
                            listening = sent;
                        }
                        if (answer == Answer.WITH_ROWS) {
                            break;
                        }
                        if (!service.isAlive()) {
                            throw new IllegalStateException("the service exited:\n" + service.log());
                        }
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("no quotaStatus with rows within 60 s:\n" + service.log());
                        }
                        Thread.sleep(5);
                    }
                    long now = System.nanoTime();
                    double answered = (now - launched) / 1e6;
                    double listened = (listening - launched) / 1e6;
                    long pid = service.pid();
                    double cpu = CpuTime.millis(CpuTime.ofProcess(pid));
                    String log = service.log();
                    answers.computeIfAbsent(variant.getKey(), name -> new ArrayList<>()).add(answered);
                    System.out.printf("%-6d %-50s %9.0f ms %11.0f ms %10s s %11s ms %9.0f ms %9.0f%n", round,
                            variant.getKey(), listened, answered, first(STARTED_IN, log), flywayMillis(log), cpu,
                            BenchService.rssKb(pid) / 1024.0);
                }
            }
        }
        answers.forEach((variant, times) -> {
            List<Double> sorted = times.stream().sorted().toList();
            System.out.printf("first answer, %s: min %.0f ms, median %.0f ms, max %.0f ms (%d rounds)%n", variant,
                    sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sorted.size());
        });
    }

    private enum Answer { NOT_LISTENING, WITHOUT_ROWS, WITH_ROWS }

    /** What a signed quotaStatus got: nothing while the port is not open yet, else an answer with rows or not. */
    private static Answer poll(HttpClient http, BenchService service, String token, String body)
            throws InterruptedException {
        HttpRequest query = HttpRequest.newBuilder(URI.create(service.base() + "/graphql"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(query, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"quotaStatus\":[{") ? Answer.WITH_ROWS
                    : Answer.WITHOUT_ROWS;
        } catch (IOException notListening) {
            return Answer.NOT_LISTENING;
        }
    }

    private static String[] largestTenantOwner(String database) throws Exception {
        try (Connection owner = DriverManager.getConnection(LocalPostgresServer.jdbcUrl(database),
                LocalPostgresServer.adminUser(), LocalPostgresServer.adminPassword());
                Statement statement = owner.createStatement();
                ResultSet row = statement.executeQuery("""
                        SELECT m.user_id, t.id FROM copilot_internal.tenants t
                        JOIN copilot_internal.tenant_memberships m ON m.tenant_id = t.id AND m.role = 'owner'
                        WHERE t.slug = 'tenant-0' LIMIT 1""")) {
            row.next();
            return new String[] {row.getString(1), row.getString(2)};
        }
    }

    private static String first(Pattern pattern, String log) {
        Matcher match = pattern.matcher(log);
        return match.find() ? match.group(1) : "?";
    }

    private static String flywayMillis(String log) {
        Matcher match = FLYWAY_VALIDATED.matcher(log);
        if (!match.find()) {
            return "?";
        }
        return String.valueOf(Integer.parseInt(match.group(1)) * 60_000 + Integer.parseInt(match.group(2)) * 1000
                + Integer.parseInt(match.group(3)));
    }
}
