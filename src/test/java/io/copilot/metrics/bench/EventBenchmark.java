package io.copilot.metrics.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.copilot.metrics.config.LocalPostgresServer;
import io.copilot.metrics.testsupport.OwnerDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The unified event log at scale: {@code millions} x 1M events over the 12 months before now are
 * added to the benchmark database of a cost scale (once; topped up to now when the last day is
 * missing; the cost data's size does not matter to it, only its 1,000 tenants), then
 * the packaged service is measured: a large tenant's first page of the last 24 hours and its
 * error summary at concurrency 2, ingestion in batches of 1,000, the refresh of each summary, and
 * retention dropping a month's partition.
 *
 * <pre>java -cp ... io.copilot.metrics.bench.EventBenchmark [scale=1] [millions=10] [seconds=20]</pre>
 */
public final class EventBenchmark {

    private static final int BATCH = 1_000;
    /** -Dbench.events.readsOnly=true: the reads alone (to profile them). */
    private static final boolean READS_ONLY = Boolean.getBoolean("bench.events.readsOnly");

    private EventBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        long events = (args.length > 1 ? Long.parseLong(args[1]) : 10) * 1_000_000L;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        String database = "copilot_metrics_bench_" + scale;
        try (Connection owner = connect(database)) {
            generate(owner, events);
            String largest = single(owner, "SELECT id FROM copilot_internal.tenants WHERE slug = 'tenant-0'");
            String user = single(owner, "SELECT user_id FROM copilot_internal.tenant_memberships WHERE tenant_id = '"
                    + largest + "' AND role = 'owner' LIMIT 1");
            System.out.printf("events: %s in all, %s of tenant-0 in the last 24 h%n",
                    single(owner, "SELECT count(*) FROM unified.event_metric_events"),
                    single(owner, "SELECT count(*) FROM unified.event_metric_events WHERE tenant_id = '" + largest
                            + "' AND occurred_at >= now() - interval '24 hours'"));
            for (String view : List.of("mv_recent_events", "mv_error_summary", "mv_performance_metrics")) {
                long started = System.nanoTime();
                execute(owner, "SELECT unified.refresh_materialized_views(ARRAY['" + view + "'])");
                System.out.printf("refresh %s: %.0f ms%n", view, (System.nanoTime() - started) / 1e6);
            }

            // one reader asks hundreds of times a second here: the per-caller limits would refuse it
            try (BenchService service = BenchService.start(database, "service-events.log",
                    Map.of("copilot-metrics.rate-limit.enabled", "false"))) {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                String reader = service.sign(user, largest, List.of("user"));
                long pid = service.pid();
                System.out.printf("service %s%n", service.jvmOptions());
                System.out.printf("%-34s %9s %8s %8s %8s %7s %9s %9s%n", "query (concurrency 2)", "req/s", "p50 ms",
                        "p95 ms", "p99 ms", "errors", "svc CPU", "db CPU");
                // the JIT compiles the service's paths during its first minute: warm them all up first
                List<String> tenants = column(owner, "SELECT id FROM copilot_internal.tenants "
                        + "WHERE slug IN ('tenant-1', 'tenant-2', 'tenant-3', 'tenant-4') ORDER BY slug");
                warmUp(http, service, reader, tenants, pid);
                read(http, service, reader, "events first page, last 24 h", "events", new JsonObject().put("first", 20),
                        seconds);
                read(http, service, reader, "errorSummary", "errorSummary", new JsonObject(), seconds);
                if (READS_ONLY) {
                    return;
                }
                for (int concurrency : new int[] {2, 4}) {
                    ingest(http, service, tenants, concurrency, seconds, pid, true);
                }
            }
            retention(owner, events / 12);
        }
    }

    // ---------------------------------------------------------------------------------------

    /** Adds {@code total} events over the 12 months before now, a month per statement; tops up the last day. */
    private static void generate(Connection owner, long total) throws SQLException {
        long existing = Long.parseLong(single(owner, "SELECT count(*) FROM unified.event_metric_events "
                + "WHERE source LIKE 'bench-%' AND event_id LIKE 'm%'"));
        if (existing < total * 9 / 10) {
            execute(owner, "DELETE FROM unified.event_metric_events WHERE source LIKE 'bench-%'");
            execute(owner, "SELECT unified.ensure_partitions(interval '13 months', 2)");
            for (int month = 12; month >= 1; month--) {
                long started = System.nanoTime();
                insert(owner, total / 12, "now() - interval '" + month + " months'",
                        "now() - interval '" + (month - 1) + " months'", "m" + month);
                System.out.printf("generated month -%d: %d events in %.0f s%n", month, total / 12,
                        (System.nanoTime() - started) / 1e9);
            }
            execute(owner, "VACUUM ANALYZE unified.event_metric_events");
        }
        String lastHours = single(owner, "SELECT floor(extract(epoch FROM now() - max(occurred_at)) / 3600) "
                + "FROM unified.event_metric_events WHERE source LIKE 'bench-%'");
        if (Long.parseLong(lastHours) >= 1) {
            // generated days ago: the last day again, so that "the last 24 hours" hold a day's events
            insert(owner, total / 365, "now() - interval '24 hours'", "now()", "top" + System.currentTimeMillis());
            execute(owner, "ANALYZE unified.event_metric_events");
            System.out.printf("topped up the last 24 hours with %d events%n", total / 365);
        }
    }

    /** {@code count} events between two instants, tenants Zipf-like (tenant-0 the largest), 60% performance. */
    private static void insert(Connection owner, long count, String from, String to, String prefix) throws SQLException {
        execute(owner, """
                WITH t AS (SELECT array_agg(id ORDER BY substring(slug FROM 8)::int) AS ids
                           FROM copilot_internal.tenants WHERE slug ~ '^tenant-[0-9]+$'),
                     e AS (SELECT g, random() AS c, random() AS r,
                                  (%s) + random() * ((%s) - (%s)) AS at
                           FROM generate_series(1, %d) AS g)
                INSERT INTO unified.event_metric_events
                    (tenant_id, event_id, source, event_type, category, severity, subject, message, metadata, occurred_at)
                SELECT t.ids[1 + floor(power(e.r, 3) * array_length(t.ids, 1))::int], '%s-' || e.g,
                       'bench-' || (ARRAY['gateway', 'sandbox', 'billing', 'scheduler', 'auth'])[1 + e.g %% 5],
                       k.category || '.' || (ARRAY['request', 'call', 'job', 'check'])[1 + e.g %% 4],
                       k.category,
                       CASE k.category WHEN 'error' THEN CASE WHEN e.g %% 5 = 0 THEN 'critical' ELSE 'error' END
                                       ELSE (ARRAY['info', 'info', 'info', 'info', 'warning', 'debug'])[1 + e.g %% 6] END,
                       (ARRAY['gpt-4o', 'gpt-4o-mini', 'claude-3-5-sonnet', 'gemini-1.5-pro', 'llama-3.1-70b'])[1 + e.g %% 5],
                       CASE k.category
                           WHEN 'performance' THEN 'completion took ' || (e.g %% 2000) || ' ms'
                           WHEN 'error' THEN (ARRAY['rate limited by provider', 'upstream timed out',
                                                    'invalid request rejected', 'sandbox crashed'])[1 + e.g %% 4]
                           ELSE k.category || ' event ' || e.g END,
                       CASE k.category
                           WHEN 'performance' THEN jsonb_build_object('duration_ms', e.g %% 2000)
                           WHEN 'error' THEN jsonb_build_object('error_code',
                               (ARRAY['rate_limit', 'timeout', 'invalid_request', 'sandbox_crash'])[1 + e.g %% 4])
                           WHEN 'usage' THEN jsonb_build_object('quantity', e.g %% 100)
                           WHEN 'audit' THEN jsonb_build_object('action', 'key.rotated')
                           ELSE '{}'::jsonb END,
                       e.at
                FROM e CROSS JOIN t
                CROSS JOIN LATERAL (SELECT CASE WHEN e.c < 0.6 THEN 'performance' WHEN e.c < 0.7 THEN 'error'
                                                WHEN e.c < 0.85 THEN 'usage' WHEN e.c < 0.95 THEN 'audit'
                                                ELSE 'system' END AS category) k
                """.formatted(from, to, from, count, prefix));
    }

    private static void read(HttpClient http, BenchService service, String token, String label, String document,
            JsonObject variables, int seconds) throws Exception {
        String body = new JsonObject().put("query", OwnerDatabase.resource("graphql/" + document + ".graphql"))
                .put("variables", variables).encode();
        List<Long> latencies = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        Instant warm = Instant.now().plusSeconds(5);
        Instant stop = warm.plusSeconds(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        for (int t = 0; t < 2; t++) {
            pool.submit(() -> {
                while (Instant.now().isBefore(stop)) {
                    long started = System.nanoTime();
                    boolean ok = post(http, service, token, body).map(response -> !response.contains("\"errors\"")
                            && response.contains("\"data\"")).orElse(false);
                    long micros = (System.nanoTime() - started) / 1000;
                    if (Instant.now().isAfter(warm)) {
                        synchronized (latencies) {
                            latencies.add(micros);
                        }
                        if (!ok) {
                            errors.incrementAndGet();
                        }
                    }
                }
                return null;
            });
        }
        Thread.sleep(Duration.between(Instant.now(), warm).toMillis());
        long cpuBefore = CpuTime.ofProcess(service.pid());
        long databaseCpuBefore = CpuTime.ofPostgres();
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        double serviceCpu = CpuTime.millis(CpuTime.ofProcess(service.pid()) - cpuBefore);
        double databaseCpu = CpuTime.millis(CpuTime.ofPostgres() - databaseCpuBefore);
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%-34s %9.0f %8.2f %8.2f %8.2f %7d %9.2f %9.2f%n", label, sorted.length / (double) seconds,
                percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), errors.get(),
                serviceCpu / Math.max(1, sorted.length), databaseCpu / Math.max(1, sorted.length));
    }

    /** Each scenario for a while, unmeasured. */
    private static void warmUp(HttpClient http, BenchService service, String reader, List<String> tenants, long pid)
            throws Exception {
        long started = System.nanoTime();
        for (String document : List.of("events", "errorSummary", "eventSummaries")) {
            String body = new JsonObject().put("query", OwnerDatabase.resource("graphql/" + document + ".graphql"))
                    .put("variables", new JsonObject()).encode();
            for (int i = 0; i < 1_000; i++) {
                post(http, service, reader, body);
            }
        }
        ingest(http, service, tenants, 2, 15, pid, false);
        System.out.printf("warm-up: %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** Batches of {@link #BATCH} new events from {@code concurrency} backends for {@code seconds}. */
    private static void ingest(HttpClient http, BenchService service, List<String> tenants, int concurrency,
            int seconds, long pid, boolean report) throws Exception {
        String document = OwnerDatabase.resource("graphql/recordEvents.graphql");
        AtomicLong recorded = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong batches = new AtomicLong();
        List<Long> latencies = new ArrayList<>();
        Instant stop = Instant.now().plusSeconds(seconds);
        long cpuBefore = CpuTime.ofProcess(pid);
        long databaseCpuBefore = CpuTime.ofPostgres();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        for (int t = 0; t < concurrency; t++) {
            String writer = service.sign("bench-event-writer-" + t, null, List.of("usage-writer"));
            int backend = t;
            pool.submit(() -> {
                long n = 0;
                while (Instant.now().isBefore(stop)) {
                    JsonArray events = new JsonArray();
                    String time = Instant.now().toString();
                    for (int i = 0; i < BATCH; i++, n++) {
                        events.add(new JsonObject().put("tenantId", tenants.get((int) (n % tenants.size())))
                                .put("id", "ingest-" + System.nanoTime() + "-" + backend + "-" + n)
                                .put("source", "bench-ingest").put("type", "llm.request.completed")
                                .put("category", "PERFORMANCE").put("time", time)
                                .put("message", "completion took " + (n % 2000) + " ms")
                                .put("data", new JsonObject().put("duration_ms", n % 2000).encode()));
                    }
                    String body = new JsonObject().put("query", document)
                            .put("variables", new JsonObject().put("events", events)).encode();
                    long started = System.nanoTime();
                    String response = post(http, service, writer, body).orElse("");
                    synchronized (latencies) {
                        latencies.add((System.nanoTime() - started) / 1000);
                    }
                    batches.incrementAndGet();
                    if (response.contains("\"data\"")) {
                        JsonArray answers = new JsonObject(response).getJsonObject("data").getJsonArray("recordEvents");
                        for (int i = 0; i < answers.size(); i++) {
                            (answers.getJsonObject(i).getValue("error") == null ? recorded : failed).incrementAndGet();
                        }
                    } else {
                        failed.addAndGet(BATCH);
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        double serviceCpu = CpuTime.millis(CpuTime.ofProcess(pid) - cpuBefore);
        double databaseCpu = CpuTime.millis(CpuTime.ofPostgres() - databaseCpuBefore);
        if (!report) {
            return;
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("ingestion, batches of %d, concurrency %d: %.0f events/s (%d batches, p50 %.0f ms, p99 %.0f ms, "
                + "%d failed; CPU per 1,000 events: service %.0f ms, PostgreSQL %.0f ms)%n", BATCH, concurrency,
                recorded.get() / (double) seconds, batches.get(), percentile(sorted, 50), percentile(sorted, 99),
                failed.get(), serviceCpu / Math.max(1, recorded.get()) * 1000,
                databaseCpu / Math.max(1, recorded.get()) * 1000);
    }

    /** A month's partition of {@code rows} events, dropped by the retention function as the job calls it. */
    private static void retention(Connection owner, long rows) throws SQLException {
        String partition = single(owner, "SELECT unified.create_monthly_partition((now() - interval '14 months')::date)");
        insert(owner, rows, "date_trunc('month', now() - interval '14 months')",
                "date_trunc('month', now() - interval '13 months')", "retention" + System.currentTimeMillis());
        long inPartition = Long.parseLong(single(owner, "SELECT count(*) FROM unified." + partition));
        owner.setAutoCommit(false);
        execute(owner, "SET LOCAL role event_maintainer");
        long started = System.nanoTime();
        // the retention that reaches back to the start of the month after it: only this month is past it
        List<String> dropped = column(owner, "SELECT unified.cleanup_old_partitions(now() - date_trunc('month', "
                + "now() - interval '13 months'))");
        owner.commit();
        double millis = (System.nanoTime() - started) / 1e6;
        owner.setAutoCommit(true);
        System.out.printf("retention: dropped %s (%d events) in %.0f ms%n", dropped, inPartition, millis);
    }

    private static java.util.Optional<String> post(HttpClient http, BenchService service, String token, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(service.base() + "/graphql"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? java.util.Optional.of(response.body()) : java.util.Optional.empty();
        } catch (Exception failed) {
            return java.util.Optional.empty();
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1000.0;
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(LocalPostgresServer.jdbcUrl(database), LocalPostgresServer.adminUser(),
                LocalPostgresServer.adminPassword());
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        return column(connection, sql).get(0);
    }

    private static List<String> column(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
