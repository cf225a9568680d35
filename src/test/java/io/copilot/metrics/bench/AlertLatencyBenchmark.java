package io.copilot.metrics.bench;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.copilot.metrics.config.LocalPostgresServer;
import io.copilot.metrics.testsupport.OwnerDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * Quota alert latency: many dashboards hold a quotaAlerts subscription (each on a WebSocket of
 * its own, each with a token of its own, so each re-reads as itself), while the tenants' spend
 * crosses their limit and back, committed straight in the database at a steady rate. Measured:
 * from the commit returning to each subscriber of the tenant receiving the alert.
 *
 * <pre>java ... AlertLatencyBenchmark [scale=1] [subscriptions=1000] [tenants=50] [seconds=30] [crossings/s=20]</pre>
 */
public final class AlertLatencyBenchmark {

    private static final String ALERTS = OwnerDatabase.resource("graphql/quotaAlerts.graphql");

    /** A tenant's quota the benchmark moves, and the commit whose alert is awaited. */
    private static final class Tenant {
        final String id;
        final String owner;
        final String quotaId;
        final String limit;
        volatile boolean exceeded;
        volatile long committedAt;

        Tenant(String id, String owner, String quotaId, String limit) {
            this.id = id;
            this.owner = owner;
            this.quotaId = quotaId;
            this.limit = limit;
        }
    }

    public static void main(String[] args) throws Exception {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int subscriptions = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int tenantCount = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        int rate = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        String database = "copilot_metrics_bench_" + scale;
        // open subscriptions live long (~75 KB of heap each): G1 with room for them, unless told otherwise
        if (System.getProperty("bench.jvmOpts") == null) {
            System.setProperty("bench.jvmOpts", "-XX:+UseG1GC -Xms64m -Xmx256m -XX:MaxMetaspaceSize=96m "
                    + "-XX:ReservedCodeCacheSize=48m -Xss512k -XX:MaxDirectMemorySize=32m");
        }

        List<Tenant> tenants = tenants(database, tenantCount);
        int perTenant = subscriptions / tenants.size();
        try (BenchService service = BenchService.start(database, "service-alerts-scale" + scale + ".log",
                Map.of("QUOTA_ALERTS_MAX_PER_CALLER", String.valueOf(perTenant)))) {
            Vertx vertx = Vertx.vertx();
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setMaxWebSockets(subscriptions * 2)
                    .setDefaultHost("localhost").setDefaultPort(service.port()));
            Map<String, Tenant> byTenant = new ConcurrentHashMap<>();
            tenants.forEach(tenant -> byTenant.put(tenant.id, tenant));
            ConcurrentLinkedQueue<Long> latenciesMicros = new ConcurrentLinkedQueue<>();
            AtomicLong unexpected = new AtomicLong();

            long opening = System.nanoTime();
            List<WebSocket> sockets = new ArrayList<>();
            for (Tenant tenant : tenants) {
                for (int i = 0; i < perTenant; i++) {
                    // a token of its own (jti): its own identity, its own re-read
                    String token = service.sign(tenant.owner, tenant.id, List.of("user"),
                            Map.of("jti", UUID.randomUUID().toString()));
                    sockets.add(subscribe(client, token, message -> {
                        JsonObject alert = message.getJsonObject("payload").getJsonObject("data")
                                .getJsonObject("quotaAlerts");
                        long received = System.nanoTime();
                        Tenant about = byTenant.get(alert.getJsonObject("quota").getString("tenantId"));
                        boolean exceeded = "EXCEEDED".equals(alert.getJsonObject("quota").getString("status"));
                        if (about != null && about.exceeded == exceeded) {
                            latenciesMicros.add((received - about.committedAt) / 1000);
                        } else {
                            unexpected.incrementAndGet();
                        }
                    }));
                }
            }
            double openSeconds = (System.nanoTime() - opening) / 1e9;
            Thread.sleep(2_000);                           // every watch has read what it compares with
            long pid = service.pid();
            long rssOpen = BenchService.rssKb(pid);

            // warm-up, then the measured crossings
            cross(database, tenants, rate, Duration.ofSeconds(10));
            latenciesMicros.clear();
            unexpected.set(0);
            int crossings = cross(database, tenants, rate, Duration.ofSeconds(seconds));
            Thread.sleep(1_000);

            long[] sorted = latenciesMicros.stream().mapToLong(Long::longValue).sorted().toArray();
            long expected = (long) crossings * perTenant;
            String report = String.format("""
                    Quota alert latency, commit to client (scale %d): %d subscriptions over %d tenants (%d each, \
                    each its own token), %d crossings at %d/s; service JVM %s
                      delivered %d of %d (%d unexpected), opened in %.1f s, service RSS %d MB with all open
                      p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms
                    """, scale, sockets.size(), tenants.size(), perTenant, crossings, rate, service.jvmOptions(),
                    sorted.length, expected, unexpected.get(), openSeconds, rssOpen / 1024, percentile(sorted, 50), percentile(sorted, 95),
                    percentile(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0);
            System.out.print(report);
            Files.writeString(BenchService.OUT.resolve("alerts-scale" + scale + "-rate" + rate + ".txt"), report);
            sockets.forEach(WebSocket::close);
            client.close();
            vertx.close();
        }
    }

    /** Tenants with an llm quota in force now (one of their own), each with its owner. */
    private static List<Tenant> tenants(String database, int count) throws Exception {
        List<Tenant> tenants = new ArrayList<>();
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute("SELECT copilot_internal.initialize_tenant_quotas(id) FROM copilot_internal.tenants");
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT t.id, (SELECT m.user_id FROM copilot_internal.tenant_memberships m
                                  WHERE m.tenant_id = t.id AND m.role = 'owner' LIMIT 1), q.id, q.limit_usd
                    FROM copilot_internal.tenants t
                    JOIN copilot_internal.cost_quotas q ON q.tenant_id = t.id AND q.scope = 'tenant'
                         AND q.resource_type = 'llm' AND q.period_start <= now() AND q.period_end > now()
                    WHERE t.status = 'active'
                    ORDER BY t.slug LIMIT ?""")) {
                query.setInt(1, count);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        tenants.add(new Tenant(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            // every quota starts OK
            for (Tenant tenant : tenants) {
                statement.execute("UPDATE copilot_internal.cost_quotas SET current_spend_usd = 0 WHERE id = '"
                        + tenant.quotaId + "'");
            }
        }
        return tenants;
    }

    /** Tenant after tenant, its quota from OK to EXCEEDED or back, one transaction each, at {@code rate} a second. */
    private static int cross(String database, List<Tenant> tenants, int rate, Duration during) throws Exception {
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long end = System.nanoTime() + during.toNanos();
        int crossings = 0;
        try (Connection connection = connect(database);
                PreparedStatement spend = connection.prepareStatement(
                        "UPDATE copilot_internal.cost_quotas SET current_spend_usd = ?::numeric WHERE id = ?::uuid")) {
            connection.setAutoCommit(false);
            long next = System.nanoTime();
            while (System.nanoTime() < end) {
                Tenant tenant = tenants.get(crossings++ % tenants.size());
                boolean exceeded = !tenant.exceeded;
                spend.setString(1, exceeded ? tenant.limit : "0");
                spend.setString(2, tenant.quotaId);
                spend.executeUpdate();
                tenant.exceeded = exceeded;
                // taken as the commit is sent: the figure includes the commit itself
                tenant.committedAt = System.nanoTime();
                connection.commit();
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        }
        return crossings;
    }

    private static WebSocket subscribe(HttpClient client, String token, java.util.function.Consumer<JsonObject> onAlert)
            throws Exception {
        WebSocket socket = client.webSocket(new WebSocketConnectOptions().setURI("/graphql")
                .addSubProtocol("graphql-transport-ws")).toCompletionStage().toCompletableFuture().get(30,
                        TimeUnit.SECONDS);
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        socket.textMessageHandler(text -> {
            JsonObject message = new JsonObject(text);
            if ("next".equals(message.getString("type"))) {
                onAlert.accept(message);
            } else if ("ping".equals(message.getString("type"))) {
                socket.writeTextMessage("{\"type\":\"pong\"}");
            } else if ("connection_ack".equals(message.getString("type"))) {
                // operations only once the connection (its token) is accepted
                socket.writeTextMessage(new JsonObject().put("id", "1").put("type", "subscribe")
                        .put("payload", new JsonObject().put("query", ALERTS)).encode());
                subscribed.complete(null);
            } else {
                System.err.println("unexpected: " + text);
            }
        });
        socket.closeHandler(closed -> subscribed.completeExceptionally(
                new IllegalStateException("closed: " + socket.closeStatusCode() + " " + socket.closeReason())));
        socket.writeTextMessage(new JsonObject().put("type", "connection_init")
                .put("payload", new JsonObject().put("Authorization", "Bearer " + token)).encode());
        subscribed.get(30, TimeUnit.SECONDS);
        return socket;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1000.0;
    }

    private static Connection connect(String database) throws Exception {
        return DriverManager.getConnection(LocalPostgresServer.jdbcUrl(database), LocalPostgresServer.adminUser(),
                LocalPostgresServer.adminPassword());
    }
}
