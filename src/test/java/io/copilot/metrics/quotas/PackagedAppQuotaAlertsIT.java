package io.copilot.metrics.quotas;

import static io.copilot.metrics.testsupport.GraphQLWebSocket.initPayload;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.copilot.metrics.config.LocalPostgresServer;
import io.copilot.metrics.testsupport.ExternalProcess;
import io.copilot.metrics.testsupport.GraphQLWebSocket;
import io.copilot.metrics.testsupport.OwnerDatabase;
import io.copilot.metrics.testsupport.PackagedServiceCommand;
import io.copilot.metrics.testsupport.TcpProxy;
import io.copilot.metrics.testsupport.ThrowawayDatabase;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.json.JsonObject;

/**
 * The packaged service's quota alerts across a database outage: the database behind a proxy the
 * test shuts (every connection of the service cut, its LISTEN included, new ones refused), a
 * crossing committed while the service cannot reach the database, the proxy opened again. The
 * open subscription still gets the crossing, once the listener is back.
 */
class PackagedAppQuotaAlertsIT {

    private static final String ISSUER = "https://alerts.example.com";
    private static final String ALERTS = OwnerDatabase.resource("graphql/quotaAlerts.graphql");
    private static String database;

    @AfterAll
    static void dropDatabase() throws Exception {
        ThrowawayDatabase.drop(database);
    }

    @Test
    void aCrossingDuringAnOutageIsDeliveredWhenTheDatabaseIsBack() throws Exception {
        database = ThrowawayDatabase.fresh("copilot_metrics_alerts");
        KeyPair key = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        int apiPort = ExternalProcess.freePort();
        int managementPort = ExternalProcess.freePort();
        try (TcpProxy proxy = new TcpProxy(ExternalProcess.freePort(), LocalPostgresServer.host(),
                Integer.parseInt(LocalPostgresServer.port()));
                ExternalProcess service = ExternalProcess.start("copilot-metrics",
                        PackagedServiceCommand.behindProxy(apiPort, managementPort, proxy.port(), database, key, ISSUER,
                                "-DQUOTA_ALERTS_RECONNECT_DELAY=500ms"), Map.of("LOG_JSON", "false"),
                        Path.of("target", "alerts-service.log"))) {
            proxy.open();
            service.awaitHttpOk("http://localhost:" + managementPort + "/q/health/ready", Duration.ofSeconds(60));
            UUID tenant = UUID.randomUUID();
            UUID user = UUID.randomUUID();
            owner("INSERT INTO copilot_internal.tenants (id, slug, name, plan) VALUES ('" + tenant + "', 'alerts-"
                    + tenant + "', 'Alerts', 'team')");
            owner("UPDATE copilot_internal.cost_quotas SET limit_usd = 1 WHERE tenant_id = '" + tenant
                    + "' AND resource_type = 'llm'");

            try (GraphQLWebSocket dashboard = GraphQLWebSocket.open(apiPort, initPayload(token(key, user, tenant),
                    null))) {
                assertThat(dashboard.acknowledged()).isTrue();
                String id = dashboard.subscribe(ALERTS, new JsonObject());
                // Before the outage, a crossing told: proof the subscription has read its quotas (one
                // whose first read the outage cut has nothing to compare with; 500 ms of sleep had not
                // been enough on a slow machine). Its first read may come after the first change, so
                // the spend goes to the warning and back until a crossing is told.
                Optional<JsonObject> told = Optional.empty();
                String spend = "0";
                for (int attempt = 0; told.isEmpty() && attempt < 10; attempt++) {
                    spend = attempt % 2 == 0 ? "0.9" : "0";
                    owner("UPDATE copilot_internal.cost_quotas SET current_spend_usd = " + spend + " WHERE tenant_id = '"
                            + tenant + "' AND resource_type = 'llm'");
                    told = nextAlert(dashboard, id, Duration.ofSeconds(5));
                }
                assertThat(told).as("a crossing before the outage").isPresent();
                String before = spend.equals("0") ? "OK" : "WARNING";

                proxy.shut();
                owner("UPDATE copilot_internal.cost_quotas SET current_spend_usd = 1 WHERE tenant_id = '" + tenant
                        + "' AND resource_type = 'llm'");
                Thread.sleep(3_000);                      // the listener retries against a closed port
                assertThat(dashboard.next(Duration.ZERO)).as("nothing can be told during the outage").isEmpty();
                proxy.open();

                JsonObject alert = alert(dashboard, id, Duration.ofSeconds(20));
                assertThat(alert.getString("kind")).isEqualTo("CROSSED");
                assertThat(alert.getString("previousState")).isEqualTo(before);
                assertThat(alert.getJsonObject("quota").getString("status")).isEqualTo("EXCEEDED");
                assertThat(alert.getJsonObject("quota").getString("tenantId")).isEqualTo(tenant.toString());
            }
            assertThat(service.log()).contains("Quota alerts: listening again").doesNotContain("\tat ");
        }
    }

    private static JsonObject alert(GraphQLWebSocket socket, String id, Duration within) throws Exception {
        return nextAlert(socket, id, within).orElseThrow(() -> new AssertionError("no alert within " + within));
    }

    private static Optional<JsonObject> nextAlert(GraphQLWebSocket socket, String id, Duration within)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonObject> message = socket.next(Duration.ofNanos(deadline - System.nanoTime()));
            if (message.isPresent() && id.equals(message.get().getString("id"))) {
                assertThat(message.get().getString("type")).as(message.get().encode()).isEqualTo("next");
                return Optional.of(message.get().getJsonObject("payload").getJsonObject("data")
                        .getJsonObject("quotaAlerts"));
            }
        }
        return Optional.empty();
    }

    private static void owner(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(LocalPostgresServer.jdbcUrl(database),
                LocalPostgresServer.adminUser(), LocalPostgresServer.adminPassword());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }


    private static String token(KeyPair key, UUID user, UUID tenant) {
        return Jwt.claims().issuer(ISSUER).audience("copilot-metrics").subject(user.toString())
                .claim("tenant_id", tenant.toString()).expiresIn(600).jws().sign(key.getPrivate());
    }
}
