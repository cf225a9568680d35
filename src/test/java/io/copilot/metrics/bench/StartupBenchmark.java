package io.copilot.metrics.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.copilot.metrics.config.LocalPostgresServer;
import io.copilot.metrics.testsupport.OwnerDatabase;
import io.vertx.core.json.JsonObject;

/**
 * Startup: from launching the packaged service ({@code java -jar}, the benchmark's JVM options,
 * {@code -Dbench.jvmOpts} to change them) to its first answered GraphQL query with a signed
 * token, on the benchmark database already migrated, a few rounds; with what the service logs
 * of its phases (Flyway's validation, Quarkus' own "started in") and the CPU it spent.
 *
 * <pre>java -cp ... io.copilot.metrics.bench.StartupBenchmark [scale=1] [rounds=5]</pre>
 */
public final class StartupBenchmark {

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
        String body = new JsonObject().put("query", OwnerDatabase.resource("graphql/quotaStatus.graphql"))
                .put("variables", new JsonObject()).encode();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();

        // a first start applies what a new build adds to the schema: not measured
        try (BenchService first = BenchService.start(database, "service-startup.log", Map.of())) {
            System.out.printf("service %s%n", first.jvmOptions());
        }
        System.out.printf("%-6s %14s %14s %12s %14s %12s %9s%n", "round", "first answer", "port answers",
                "Quarkus says", "Flyway validate", "CPU to answer", "RSS MB");
        List<Double> answers = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            long launched = System.nanoTime();
            try (BenchService service = BenchService.launch(database, "service-startup.log", Map.of())) {
                String token = service.sign(caller[0], caller[1], List.of("user"));
                HttpRequest query = HttpRequest.newBuilder(URI.create(service.base() + "/graphql"))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
                long listening = 0;
                while (true) {
                    if (!service.isAlive()) {
                        throw new IllegalStateException("the service exited:\n" + service.log());
                    }
                    try {
                        HttpResponse<String> response = http.send(query, HttpResponse.BodyHandlers.ofString());
                        listening = listening == 0 ? System.nanoTime() : listening;
                        if (response.statusCode() == 200 && response.body().contains("\"quotaStatus\":[{")) {
                            break;
                        }
                    } catch (IOException notListening) {
                        // not yet
                    }
                    Thread.sleep(5);
                }
                double answered = (System.nanoTime() - launched) / 1e6;
                long pid = service.pid();
                double cpu = CpuTime.millis(CpuTime.ofProcess(pid));
                String log = service.log();
                answers.add(answered);
                System.out.printf("%-6d %11.0f ms %11.0f ms %10s s %11s ms %9.0f ms %9.0f%n", round, answered,
                        (listening - launched) / 1e6, first(STARTED_IN, log), flywayMillis(log), cpu,
                        BenchService.rssKb(pid) / 1024.0);
            }
        }
        List<Double> sorted = answers.stream().sorted().toList();
        System.out.printf("first answer: min %.0f ms, median %.0f ms, max %.0f ms (%d rounds)%n", sorted.get(0),
                sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sorted.size());
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
