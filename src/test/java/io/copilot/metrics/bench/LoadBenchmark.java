package io.copilot.metrics.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import io.copilot.metrics.api.TimeRange;
import io.copilot.metrics.config.LocalPostgresServer;
import io.copilot.metrics.costs.BenchSql;
import io.copilot.metrics.costs.Granularity;
import io.copilot.metrics.testsupport.OwnerDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The dashboard workload against the packaged service over HTTP, with real signed tokens for
 * many tenants, query by query; then the floor: the same SQL (role and claims set_config, the
 * query) through pgbench at the same concurrency. Prints a table and writes
 * target/bench/results-scale&lt;n&gt;.json.
 *
 * <pre>java ... LoadBenchmark [scale=1] [concurrency=8] [seconds=20]</pre>
 */
public final class LoadBenchmark {

    private static final int CALLERS = 50;
    private static final Duration WARMUP = Duration.ofSeconds(5);
    private static final Path OUT = BenchService.OUT;
    /** Marks a query sent with the administrator's token (replaced once the token exists). */
    private static final Function<Caller, String> ADMIN_TOKEN = caller -> null;
    private static final String ADMIN_BECOME = "SELECT set_config('role', 'analytics_reader', true), "
            + "set_config('request.jwt.claims', '{\"sub\":\"bench-admin\",\"roles\":[\"platform-admin\"]}', true), "
            + "set_config('transaction_read_only', 'on', true);";
    private static final String WRITER_BECOME = "SELECT set_config('role', 'usage_writer', true), "
            + "set_config('request.jwt.claims', '{\"sub\":\"bench-writer\",\"roles\":[\"usage-writer\"]}', true), "
            + "b.tenant_id AS t FROM public.bench_callers b WHERE b.n = :n \\gset";
    private static final int BATCH = 500;
    /** The steady recording the reads are measured under: 50 x 10 = 500 records/s. */
    private static final int STEADY_BATCH = 50;
    private static final int STEADY_BATCHES_PER_SECOND = 10;
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final AtomicLong RECORDS = new AtomicLong();

    record Caller(String tenantId, String userId, String token, String page2Cursor, String page2At, String page2Id) {
    }

    /**
     * @param token        the token a request of this caller sends (the caller's own, the admin's, the writer's)
     * @param floorBecome  the floor's first statement, which becomes the caller (null: a tenant user)
     * @param itemsPerCall records one request writes (1 for reads)
     */
    record Query(String name, String document, Function<Caller, Map<String, Object>> variables,
            Function<Caller, String> token, String floorBecome, String floorSql, int itemsPerCall) {

        Query(String name, String document, Function<Caller, Map<String, Object>> variables, boolean admin,
                String floorSql) {
            this(name, document, variables, admin ? ADMIN_TOKEN : Caller::token, admin ? ADMIN_BECOME : null, floorSql,
                    1);
        }
    }

    record Result(String query, double throughput, double p50, double p95, double p99, long errors, long requests,
            double floorTps, double floorP50, double floorP99, int itemsPerCall, double serviceCpuMs,
            double databaseCpuMs) {

        /** A read measured again, with no floor beside it (one item a call). */
        static Result withoutFloor(String query, Measurement measurement) {
            return withoutFloor(query, measurement, 1);
        }

        static Result withoutFloor(String query, Measurement measurement, int itemsPerCall) {
            return new Result(query, measurement.throughput(), measurement.percentile(50), measurement.percentile(95),
                    measurement.percentile(99), measurement.errors(), measurement.requests(), 0, 0, 0, itemsPerCall,
                    measurement.serviceCpuMs(), measurement.databaseCpuMs());
        }

        double ratio() {
            return floorTps == 0 ? 0 : throughput / floorTps;
        }
    }

    public static void main(String[] args) throws Exception {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : Integer.getInteger("bench.scale", 1);
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        new LoadBenchmark().run(scale, concurrency, Duration.ofSeconds(seconds));
    }

    void run(int scale, int concurrency, Duration measure) throws Exception {
        String database = "copilot_metrics_bench_" + scale;
        Instant end = DataGenerator.END;
        TimeRange month = new TimeRange(end.minus(Duration.ofDays(30)).atOffset(ZoneOffset.UTC), end.atOffset(ZoneOffset.UTC));
        TimeRange year = new TimeRange(end.minus(Duration.ofDays(365)).atOffset(ZoneOffset.UTC), end.atOffset(ZoneOffset.UTC));
        Files.createDirectories(OUT);
        try (BenchService service = BenchService.start(database, "service-scale" + scale + ".log",
                Map.of("quarkus.datasource.reactive.max-size", String.valueOf(Math.max(8, concurrency))))) {
            String base = service.base();
            String jvmOptions = service.jvmOptions();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            List<Caller> callers = callers(database, service, http, base, month);
            String admin = service.sign("bench-admin", null, List.of("platform-admin"));
            prepareFloor(database, callers, admin);
            // the generator's quotas are for its last month; quotaStatus shows the ones in force now
            openCurrentQuotas(database);

            Map<String, Object> monthVars = Map.of("from", month.from().toString(), "to", month.to().toString());
            List<Query> queries = List.of(
                    new Query("costByTenant 30d", "costByTenant", c -> monthVars, false, BenchSql.costByTenant(month)),
                    new Query("costSeries 30d Europe/Berlin", "costSeries", c -> Map.of("from", month.from().toString(),
                            "to", month.to().toString(), "granularity", "DAY", "timeZone", "Europe/Berlin"), false,
                            BenchSql.costSeries(month, Granularity.DAY, "Europe/Berlin")),
                    new Query("allCosts page 1", "allCosts", c -> Map.of("filter", monthVars, "first", 20), false,
                            BenchSql.allCosts(month, 21, ":t", null, null)),
                    new Query("allCosts page 2", "allCosts", c -> Map.of("filter", monthVars, "first", 20, "after",
                            c.page2Cursor()), false, BenchSql.allCosts(month, 21, ":t", ":a", ":i")),
                    new Query("costBreakdown 30d model/day", "costBreakdown", c -> Map.of("from",
                            month.from().toString(), "to", month.to().toString(), "groupBy", List.of("MODEL"),
                            "bucket", "DAY", "orderBy", "KEYS", "first", 100), false,
                            BenchSql.costBreakdownByModelPerDay(month, 100, ":t")),
                    new Query("quotaStatus", "quotaStatus", c -> Map.of(), false, BenchSql.quotaStatus()),
                    new Query("topSpendingTenants 12m (admin)", "topSpendingTenants", c -> Map.of("from",
                            year.from().toString(), "to", year.to().toString(), "limit", 10), true,
                            BenchSql.topSpendingTenants(year, 10)));

            String writer = service.sign("bench-writer", null, List.of("usage-writer"));
            // singles come from a service account per tenant: one account may send 200 requests a
            // second (the rate limit), which 8 accounts for 50 tenants went past on a fast machine
            Map<String, String> writers = new HashMap<>();
            for (Caller caller : callers) {
                writers.computeIfAbsent(caller.tenantId(), tenant -> service.sign("bench-writer-" + writers.size(), null,
                        List.of("usage-writer")));
            }
            boolean ingestion = Boolean.parseBoolean(System.getProperty("bench.ingestion", "true"));
            Query steady = new Query("recordUsage " + STEADY_BATCH + " x " + STEADY_BATCHES_PER_SECOND + "/s",
                    "recordUsageOutcomes", c -> Map.of("batch", batch(c, STEADY_BATCH)), c -> writer, WRITER_BECOME,
                    floorRecord(STEADY_BATCH), STEADY_BATCH);
            if (ingestion) {
                queries = new ArrayList<>(queries);
                // what a backend asks of a batch: each item's outcome
                queries.add(new Query("recordUsage batch of " + BATCH, "recordUsageOutcomes",
                        c -> Map.of("batch", batch(c, BATCH)), c -> writer, WRITER_BECOME, floorRecord(BATCH), BATCH));
                queries.add(new Query("recordLlmUsage single", "recordLlmUsage",
                        c -> Map.of("input", usage(c)),
                        c -> writers.get(c.tenantId()), WRITER_BECOME,
                        floorRecord(1), 1));
            }

            String only = System.getProperty("bench.only", "");
            if (!only.isBlank()) {
                queries = queries.stream().filter(q -> Arrays.stream(only.split(",")).anyMatch(q.name()::startsWith))
                        .toList();
            }
            for (Query query : queries) {
                requireRows(http, base, query, callers.get(0), admin);
            }
            long pid = service.pid();
            // Steady state first: every query until the JIT has compiled the hot paths (of the
            // service and of this client), as in a service that has been up for a while.
            Duration warmEach = Duration.ofSeconds(Long.getLong("bench.warmupSeconds", 60)
                    / (queries.size() + (ingestion ? 1 : 0)));
            for (Query query : queries) {
                load(http, base, query, callers, admin, concurrency, warmEach, pid);
            }
            if (ingestion) {
                // the steady recording below runs its own code path (batches of 50): warmed alike
                load(http, base, steady, callers, admin, concurrency, warmEach, pid);
            }
            List<Result> results = new ArrayList<>();
            long maxRss = 0;
            for (Query query : queries) {
                Measurement measurement = load(http, base, query, callers, admin, concurrency, measure, pid);
                maxRss = Math.max(maxRss, measurement.maxRssKb());
                Floor floor = pgbench(database, query, concurrency, measure);
                results.add(new Result(query.name(), measurement.throughput(), measurement.percentile(50),
                        measurement.percentile(95), measurement.percentile(99), measurement.errors(),
                        measurement.requests(), floor.tps(), floor.p50(), floor.p99(), query.itemsPerCall(),
                        measurement.serviceCpuMs(), measurement.databaseCpuMs()));
                System.out.printf("  %-32s done%n", query.name());
            }
            if (ingestion) {
                // A backend recording 500 records/s: a batch of 50 every 100 ms, sent on time
                // whatever the answers take. First alone, for what that costs the machine; then
                // each read four times more, back to back, all after the same write scenarios: as many
                // requests as the clients can send, alone, then while recording; then at a fixed
                // rate, half of what it reached alone, alone and while recording. Saturated, any
                // work the recording adds comes out of the reads' throughput; at a rate the
                // machine serves, the reads' latency shows whether recording changes what a
                // dashboard sees.
                Measurement idle = Usage.sampled(pid, Instant.now(), Instant.now().plus(measure))
                        .measurement(new long[0], 0, measure);
                System.out.printf("  idle: service %.1f ms, database %.1f ms of CPU a second%n",
                        idle.serviceCpuMs() / measure.toSeconds(), idle.databaseCpuMs() / measure.toSeconds());
                Measurement recordingAlone = loadAtRate(http, base, steady, callers, admin, STEADY_BATCHES_PER_SECOND,
                        measure, pid);
                results.add(Result.withoutFloor(steady.name() + " alone", recordingAlone, STEADY_BATCH));
                System.out.printf("  %-32s done: %.1f%% of %d cores (service %.1f ms, database %.1f ms of CPU a second)%n",
                        steady.name(), share(recordingAlone) * 100, CORES,
                        recordingAlone.serviceCpuMs() * recordingAlone.throughput(),
                        recordingAlone.databaseCpuMs() * recordingAlone.throughput());
                for (Query query : queries) {
                    if (query.itemsPerCall() == 1 && !query.document().startsWith("record")) {
                        Measurement alone = load(http, base, query, callers, admin, concurrency, measure, pid);
                        results.add(Result.withoutFloor(query.name() + " after writes", alone));
                        results.add(Result.withoutFloor(query.name() + " +500 rec/s",
                                whileRecording(http, base, steady, callers, admin, measure, pid, () -> load(http, base,
                                        query, callers, admin, concurrency, measure, pid))));
                        double rate = Math.max(1, Math.floor(alone.throughput() / 2));
                        results.add(Result.withoutFloor(query.name() + " at " + (long) rate + "/s",
                                loadAtRate(http, base, query, callers, admin, rate, measure, pid)));
                        results.add(Result.withoutFloor(query.name() + " at " + (long) rate + "/s +500 rec/s",
                                whileRecording(http, base, steady, callers, admin, measure, pid, () -> loadAtRate(http,
                                        base, query, callers, admin, rate, measure, pid))));
                        System.out.printf("  %-32s done (alone, while recording; at %d/s alone, while recording)%n",
                                query.name(), (long) rate);
                    }
                }
            }
            report(scale, concurrency, measure, results, maxRss, jvmOptions);
        }
    }

    // ---------------------------------------------------------------------------------------
    // The service under load

    /** A scenario measures something only if it answers rows: each is asked once first, and must. */
    private static void requireRows(HttpClient http, String base, Query query, Caller caller, String admin)
            throws Exception {
        String body = new JsonObject().put("query", OwnerDatabase.resource("graphql/" + query.document() + ".graphql"))
                .put("variables", new JsonObject(query.variables().apply(caller))).encode();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + (query.token() == ADMIN_TOKEN ? admin : query.token().apply(caller)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        JsonObject answer = new JsonObject(response.body());
        JsonObject data = answer.getJsonObject("data");
        boolean rows = answer.getJsonArray("errors") == null && data != null && data.stream().allMatch(field ->
                field.getValue() instanceof JsonArray list ? !list.isEmpty()
                        : field.getValue() instanceof JsonObject object && object.containsKey("edges")
                                ? !object.getJsonArray("edges").isEmpty() : field.getValue() != null);
        if (!rows) {
            throw new IllegalStateException("scenario '" + query.name() + "' answers no rows: " + response.body());
        }
    }

    /** @param serviceCpuMs and databaseCpuMs CPU per request of the service's JVM and of all PostgreSQL processes */
    record Measurement(long[] latenciesMicros, long errors, double throughput, long maxRssKb, double serviceCpuMs,
            double databaseCpuMs) {
        long requests() {
            return latenciesMicros.length;
        }

        double percentile(double p) {
            if (latenciesMicros.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(p / 100.0 * latenciesMicros.length) - 1;
            return latenciesMicros[Math.max(0, index)] / 1000.0;
        }
    }

    private static Measurement load(HttpClient http, String base, Query query, List<Caller> callers, String admin,
            int concurrency, Duration measure, long pid) throws Exception {
        String document = OwnerDatabase.resource("graphql/" + query.document() + ".graphql");
        List<List<Long>> perThread = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        Instant warmupEnd = Instant.now().plus(WARMUP);
        Instant stop = warmupEnd.plus(measure);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        for (int t = 0; t < concurrency; t++) {
            List<Long> latencies = new ArrayList<>();
            perThread.add(latencies);
            int offset = t;
            pool.submit(() -> {
                int i = offset;
                while (Instant.now().isBefore(stop)) {
                    HttpRequest request = request(base, document, query, callers.get(i++ % callers.size()), admin);
                    long started = System.nanoTime();
                    boolean ok;
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        ok = response.statusCode() == 200 && !response.body().contains("\"errors\"");
                    } catch (IOException | InterruptedException e) {
                        ok = false;
                    }
                    long micros = (System.nanoTime() - started) / 1000;
                    if (Instant.now().isAfter(warmupEnd)) {
                        latencies.add(micros);
                        if (!ok) {
                            errors.incrementAndGet();
                        }
                    }
                }
                return null;
            });
        }
        Usage usage = Usage.sampled(pid, warmupEnd, stop);
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        long[] all = perThread.stream().flatMap(List::stream).mapToLong(Long::longValue).sorted().toArray();
        return usage.measurement(all, errors.get(), measure);
    }

    /**
     * Requests sent at a fixed rate whatever the answers take (open loop), so a slow answer does
     * not hold back the next request; each latency counts from when its request was due, not
     * from when it was sent, so a stall is not hidden by sending less.
     */
    private static Measurement loadAtRate(HttpClient http, String base, Query query, List<Caller> callers,
            String admin, double perSecond, Duration measure, long pid) throws Exception {
        String document = OwnerDatabase.resource("graphql/" + query.document() + ".graphql");
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        long interval = (long) (1_000_000_000L / perSecond);
        long first = System.nanoTime();
        long warmupEnd = first + WARMUP.toNanos();
        long stop = warmupEnd + measure.toNanos();
        Instant now = Instant.now();
        Thread sender = new Thread(() -> {
            List<CompletableFuture<?>> pending = new ArrayList<>();
            for (long i = 0, due = first; due < stop; i++, due = first + i * interval) {
                LockSupport.parkNanos(due - System.nanoTime());
                long dueAt = due;
                Caller caller = callers.get((int) (i % callers.size()));
                pending.add(http.sendAsync(request(base, document, query, caller, admin),
                        HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                            if (dueAt >= warmupEnd) {
                                latencies.add((System.nanoTime() - dueAt) / 1000);
                                if (failure != null || response.statusCode() != 200
                                        || response.body().contains("\"errors\"")) {
                                    errors.incrementAndGet();
                                }
                            }
                            return null;
                        }));
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        }, "at-rate");
        sender.start();
        Usage usage = Usage.sampled(pid, now.plus(WARMUP), now.plus(WARMUP).plus(measure));
        sender.join();
        long[] all = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return usage.measurement(all, errors.get(), measure);
    }

    private static HttpRequest request(String base, String document, Query query, Caller caller, String admin) {
        String body = new JsonObject().put("query", document)
                .put("variables", new JsonObject(query.variables().apply(caller))).encode();
        return HttpRequest.newBuilder(URI.create(base + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + (query.token() == ADMIN_TOKEN ? admin : query.token().apply(caller)))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** The service's and PostgreSQL's CPU and the service's peak RSS over a measured window. */
    private record Usage(long serviceTicks, long databaseTicks, long maxRssKb) {

        /** Sampled every 250 ms until {@code stop}; CPU from the first sample after {@code warmupEnd}. */
        static Usage sampled(long pid, Instant warmupEnd, Instant stop) throws InterruptedException {
            long maxRss = 0;
            long serviceAtStart = -1;
            long databaseAtStart = -1;
            while (Instant.now().isBefore(stop)) {
                Thread.sleep(250);
                if (Instant.now().isAfter(warmupEnd)) {
                    if (serviceAtStart < 0) {
                        serviceAtStart = CpuTime.ofProcess(pid);
                        databaseAtStart = CpuTime.ofPostgres();
                    }
                    maxRss = Math.max(maxRss, BenchService.rssKb(pid));
                }
            }
            return new Usage(CpuTime.ofProcess(pid) - serviceAtStart, CpuTime.ofPostgres() - databaseAtStart, maxRss);
        }

        /** CPU is counted from the first sample after the warm-up to the end: the requests of that window. */
        Measurement measurement(long[] sortedLatenciesMicros, long errors, Duration measure) {
            long inWindow = Math.max(1, sortedLatenciesMicros.length);
            return new Measurement(sortedLatenciesMicros, errors, sortedLatenciesMicros.length / (double) measure.toSeconds(),
                    maxRssKb, CpuTime.millis(serviceTicks) / inWindow, CpuTime.millis(databaseTicks) / inWindow);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Callers: tenants of every size, each with a token and the cursor of its second page

    private static List<Caller> callers(String database, BenchService service, HttpClient http, String base,
            TimeRange month)
            throws Exception {
        List<Caller> callers = new ArrayList<>();
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
                // the 10 largest tenants and 40 spread over the rest
                ResultSet rs = statement.executeQuery("""
                        SELECT t.id, (SELECT m.user_id FROM copilot_internal.tenant_memberships m
                                      WHERE m.tenant_id = t.id AND m.role = 'owner' LIMIT 1)
                        FROM copilot_internal.tenants t
                        WHERE t.slug IN (SELECT 'tenant-' || i FROM generate_series(0, 9) AS i)
                           OR t.slug IN (SELECT 'tenant-' || (10 + i * 24) FROM generate_series(0, 39) AS i)
                        ORDER BY t.slug""")) {
            while (rs.next()) {
                String tenant = rs.getString(1);
                String user = rs.getString(2);
                String token = service.sign(user, tenant, List.of("user"));
                callers.add(new Caller(tenant, user, token, null, null, null));
            }
        }
        String document = OwnerDatabase.resource("graphql/allCosts.graphql");
        List<Caller> withCursor = new ArrayList<>();
        for (Caller caller : callers) {
            String body = new JsonObject().put("query", document).put("variables", new JsonObject()
                    .put("filter", new JsonObject().put("from", month.from().toString()).put("to", month.to().toString()))
                    .put("first", 20)).encode();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/graphql"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + caller.token())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            JsonObject page = new JsonObject(response.body()).getJsonObject("data").getJsonObject("allCosts");
            JsonArray edges = page.getJsonArray("edges");
            JsonObject last = edges.getJsonObject(edges.size() - 1).getJsonObject("node");
            withCursor.add(new Caller(caller.tenantId(), caller.userId(), caller.token(),
                    page.getJsonObject("pageInfo").getString("endCursor"), last.getString("occurredAt"),
                    last.getString("id")));
        }
        return withCursor;
    }

    // ---------------------------------------------------------------------------------------
    // The floor: pgbench, same SQL, same concurrency, as the service's login role

    record Floor(double tps, double p50, double p99) {
    }

    private static void prepareFloor(String database, List<Caller> callers, String adminToken) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS public.bench_callers");
            statement.execute("CREATE TABLE public.bench_callers (n int PRIMARY KEY, claims text, tenant_id uuid, "
                    + "page2_at timestamptz, page2_id uuid)");
            statement.execute("GRANT SELECT ON public.bench_callers TO copilot_metrics_app");
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO public.bench_callers VALUES (?, ?, ?::uuid, ?::timestamptz, ?::uuid)")) {
                for (int n = 0; n < callers.size(); n++) {
                    Caller caller = callers.get(n);
                    insert.setInt(1, n);
                    insert.setString(2, new JsonObject().put("sub", caller.userId()).put("tenant_id", caller.tenantId())
                            .put("roles", new JsonArray().add("user")).encode());
                    insert.setString(3, caller.tenantId());
                    insert.setString(4, caller.page2At());
                    insert.setString(5, caller.page2Id());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    private static Floor pgbench(String database, Query query, int concurrency, Duration measure)
            throws IOException, InterruptedException {
        // One statement becomes the caller, as the service's first statement does; it also hands the
        // caller's tenant and page-2 cursor to the query as pgbench variables (:t, :a, :i), which
        // -M prepared binds as parameters, as the service does.
        String become = query.floorBecome() != null ? query.floorBecome()
                : "SELECT set_config('role', 'authenticated', true), set_config('request.jwt.claims', b.claims, true), "
                        + "set_config('transaction_read_only', 'on', true), b.tenant_id AS t, b.page2_at AS a, "
                        + "b.page2_id AS i FROM public.bench_callers b WHERE b.n = :n \\gset";
        String script = "\\set n random(0, " + (CALLERS - 1) + ")\n"
                + "\\set k random(1, 1000000000000)\n"
                + "BEGIN;\n"
                + become + "\n"
                + query.floorSql().replace('\n', ' ') + ";\n"
                + "COMMIT;\n";
        String name = query.name().replaceAll("\\W+", "-");
        Path scriptFile = OUT.resolve("pgbench-" + name + ".sql");
        Files.writeString(scriptFile, script);
        Path logDir = Files.createDirectories(OUT.resolve("pgbench-log-" + name));
        try (var old = Files.list(logDir)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        Process process = new ProcessBuilder("pgbench", "-h", LocalPostgresServer.host(), "-p", LocalPostgresServer.port(),
                "-U", "copilot_metrics_app", "-n", "-M", "prepared", "-c", String.valueOf(concurrency),
                "-j", "2", "-T", String.valueOf(measure.toSeconds() + WARMUP.toSeconds()), "-f",
                scriptFile.toAbsolutePath().toString(), "-l", "--log-prefix=" + logDir.resolve("tx").toAbsolutePath(),
                database)
                .redirectErrorStream(true).redirectOutput(OUT.resolve("pgbench-" + name + ".out").toFile()).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed: " + Files.readString(OUT.resolve("pgbench-" + name + ".out")));
        }
        // Per-transaction log lines: client, transaction, latency (us), script, epoch seconds, microseconds.
        List<long[]> transactions = new ArrayList<>();
        try (var logs = Files.list(logDir)) {
            for (Path file : logs.toList()) {
                for (String line : Files.readAllLines(file)) {
                    String[] fields = line.split(" ");
                    transactions.add(new long[] {Long.parseLong(fields[2]),
                            Long.parseLong(fields[4]) * 1_000_000 + Long.parseLong(fields[5])});
                }
            }
        }
        long first = transactions.stream().mapToLong(t -> t[1]).min().orElse(0);
        long warm = first + WARMUP.toSeconds() * 1_000_000;
        long[] latencies = transactions.stream().filter(t -> t[1] >= warm).mapToLong(t -> t[0]).sorted().toArray();
        long last = transactions.stream().mapToLong(t -> t[1]).max().orElse(warm);
        double seconds = Math.max(1, (last - warm) / 1e6);
        return new Floor(latencies.length / seconds, percentile(latencies, 50), percentile(latencies, 99));
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1000.0;
    }

    // ---------------------------------------------------------------------------------------
    // Ingestion: unique usage for the benchmark's tenants, priced and recorded by the service

    /** Quotas in force now for every tenant, so recording locks and updates them as in production. */
    static void openCurrentQuotas(String database) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute("SELECT copilot_internal.initialize_tenant_quotas(id) FROM copilot_internal.tenants");
        }
    }

    private static Map<String, Object> usage(Caller caller) {
        long n = RECORDS.incrementAndGet();
        return Map.of("idempotencyKey", "bench-" + ProcessHandle.current().pid() + "-" + n, "tenantId", caller.tenantId(),
                "userId", caller.userId(), "provider", "openai", "model", n % 2 == 0 ? "gpt-4o-mini" : "gpt-4o",
                "inputTokens", 1000 + (int) (n % 997), "outputTokens", 200 + (int) (n % 301),
                "occurredAt", Instant.now().toString());
    }

    private static List<Map<String, Object>> batch(Caller caller, int size) {
        List<Map<String, Object>> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            items.add(Map.of("llm", usage(caller)));
        }
        return items;
    }

    /** The service's statement with the items it would bind, built in SQL; unique keys from pgbench's :k. */
    private static String floorRecord(int items) {
        return "SELECT r.* FROM usage.record((SELECT jsonb_agg(jsonb_build_object('kind', 'llm', 'tenantId', :t::text, "
                + "'idempotencyKey', 'floor-' || :k || '-' || :client_id || '-' || g, 'provider', 'openai', "
                + "'model', 'gpt-4o', 'inputTokens', 1000 + g, 'outputTokens', 200, 'occurredAt', now())) "
                + "FROM generate_series(1, " + items + ") AS g)) r";
    }

    /**
     * A measurement taken while the backend of {@code steady} records at its rate, open loop over
     * the same window; prints what the recording reached meanwhile, so a window whose batches
     * fell behind says so.
     */
    private static Measurement whileRecording(HttpClient http, String base, Query steady, List<Caller> callers,
            String admin, Duration measure, long pid, Callable<Measurement> measurement) throws Exception {
        // on a thread of its own: the common pool has one thread on two cores
        CompletableFuture<Measurement> recording = CompletableFuture.supplyAsync(() -> {
            try {
                return loadAtRate(http, base, steady, callers, admin, STEADY_BATCHES_PER_SECOND, measure, pid);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, task -> new Thread(task, "steady-recording").start());
        Measurement read = measurement.call();
        Measurement recorded = recording.join();
        System.out.printf("    (recorded %.0f records/s meanwhile: batches p50 %.1f ms, p99 %.1f ms, %d failed)%n",
                recorded.throughput() * steady.itemsPerCall(), recorded.percentile(50), recorded.percentile(99),
                recorded.errors());
        return read;
    }

    /** The part of the machine's CPU a measured window took, service and PostgreSQL together. */
    private static double share(Measurement measurement) {
        return (measurement.serviceCpuMs() + measurement.databaseCpuMs()) * measurement.throughput() / 1000 / CORES;
    }

    // ---------------------------------------------------------------------------------------

    private static void report(int scale, int concurrency, Duration measure, List<Result> results, long maxRssKb,
            String jvmOptions) throws IOException {
        System.out.printf("%nscale %d (%,d LLM + %,d E2B records), concurrency %d, %ds per query after %ds warm-up%n",
                scale, 1_000_000L * scale, 200_000L * scale, concurrency, measure.toSeconds(), WARMUP.toSeconds());
        System.out.printf("%-32s %9s %8s %8s %8s %7s | %9s %8s %8s | %6s | %10s %10s | %8s %8s%n", "query", "req/s",
                "p50 ms", "p95 ms", "p99 ms", "errors", "floor/s", "p50 ms", "p99 ms", "ratio", "records/s",
                "floor rec/s", "svc CPU", "db CPU");
        JsonArray json = new JsonArray();
        for (Result r : results) {
            System.out.printf("%-32s %9.1f %8.2f %8.2f %8.2f %7d | %9.1f %8.2f %8.2f | %5.0f%% | %10s %10s | %8.3f %8.3f%n",
                    r.query(), r.throughput(), r.p50(), r.p95(), r.p99(), r.errors(), r.floorTps(), r.floorP50(),
                    r.floorP99(), r.ratio() * 100,
                    r.itemsPerCall() > 1 || r.query().startsWith("record")
                            ? String.format("%.0f", r.throughput() * r.itemsPerCall()) : "",
                    r.itemsPerCall() > 1 || r.query().startsWith("record")
                            ? String.format("%.0f", r.floorTps() * r.itemsPerCall()) : "",
                    r.serviceCpuMs(), r.databaseCpuMs());
            json.add(new JsonObject().put("query", r.query()).put("throughput", r.throughput()).put("p50Ms", r.p50())
                    .put("p95Ms", r.p95()).put("p99Ms", r.p99()).put("errors", r.errors()).put("requests", r.requests())
                    .put("floorTps", r.floorTps()).put("floorP50Ms", r.floorP50()).put("floorP99Ms", r.floorP99())
                    .put("ratio", r.ratio()).put("recordsPerCall", r.itemsPerCall())
                    .put("serviceCpuMsPerRequest", r.serviceCpuMs()).put("databaseCpuMsPerRequest", r.databaseCpuMs()));
        }
        System.out.println("svc CPU / db CPU: ms of CPU per request of the service JVM and of all PostgreSQL processes"
                + " (/proc/<pid>/stat utime+stime over the measured window)");
        System.out.printf("service resident memory (max VmRSS under load): %.1f MB  [JVM options: %s]%n",
                maxRssKb / 1024.0, jvmOptions);
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("scale", scale);
        file.put("llmRecords", 1_000_000L * scale);
        file.put("e2bRecords", 200_000L * scale);
        file.put("concurrency", concurrency);
        file.put("measureSeconds", measure.toSeconds());
        file.put("maxRssMb", maxRssKb / 1024.0);
        file.put("jvmOptions", jvmOptions);
        file.put("results", json);
        Path out = OUT.resolve("results-scale" + scale + ".json");
        Files.writeString(out, new JsonObject(file).encodePrettily());
        System.out.println("results: " + out);
        compareWithOtherScale(scale, results);
    }

    private static void compareWithOtherScale(int scale, List<Result> results) throws IOException {
        int other = scale == 10 ? 1 : 10;
        Path previous = OUT.resolve("results-scale" + other + ".json");
        if (!Files.exists(previous)) {
            return;
        }
        JsonArray before = new JsonObject(Files.readString(previous)).getJsonArray("results");
        System.out.printf("%np99 at scale %d vs scale %d:%n", scale, other);
        for (Result r : results) {
            for (Object o : before) {
                JsonObject b = (JsonObject) o;
                if (b.getString("query").equals(r.query())) {
                    System.out.printf("  %-32s %8.2f ms vs %8.2f ms (%+.0f%%)%n", r.query(), r.p99(), b.getDouble("p99Ms"),
                            (r.p99() / b.getDouble("p99Ms") - 1) * 100);
                }
            }
        }
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(LocalPostgresServer.jdbcUrl(database), LocalPostgresServer.adminUser(),
                LocalPostgresServer.adminPassword());
    }
}
