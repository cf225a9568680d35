package io.copilot.metrics.quotas;

import static io.copilot.metrics.testsupport.GraphQLClient.data;
import static io.copilot.metrics.testsupport.GraphQLClient.failure;
import static io.copilot.metrics.testsupport.GraphQLWebSocket.initPayload;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.copilot.metrics.testsupport.ApiFixture;
import io.copilot.metrics.testsupport.GraphQLClient;
import io.copilot.metrics.testsupport.GraphQLWebSocket;
import io.copilot.metrics.testsupport.OwnerDatabase;
import io.copilot.metrics.testsupport.Tokens;
import io.copilot.metrics.testsupport.UsageTenant;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Live quota alerts over a real WebSocket (graphql-transport-ws) with real signed tokens, the
 * spend changed through the service's write path: a tenant's dashboards learn its crossings,
 * refusals and new periods at once, and no other tenant learns anything; a bad token gets no
 * subscription, an expired one loses it; a lost LISTEN connection still delivers what happened
 * while it was away.
 */
@QuarkusTest
@ExtendWith(ApiFixture.class)
class QuotaAlertsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(1500);
    private static final String ALERTS = OwnerDatabase.resource("graphql/quotaAlerts.graphql");
    private static final AtomicInteger KEYS = new AtomicInteger();

    private final String writer = Tokens.usageWriter();

    @Inject
    QuotaAlertListener listener;

    @Inject
    QuotaAlertHub hub;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void aTenantsDashboardsLearnItsCrossingsAndNoOtherTenantDoes() throws Exception {
        UsageTenant alice = UsageTenant.create();
        UsageTenant bob = UsageTenant.create();
        alice.setLimit("llm", "0.1");
        bob.setLimit("llm", "0.1");
        try (Subscription aliceTab = Subscription.open(alice.userToken(), null);
                Subscription aliceOtherTab = Subscription.open(alice.userToken(), null);
                Subscription bobTab = Subscription.open(bob.userToken(), null);
                Subscription admin = Subscription.open(ApiFixture.platformAdmin(), null)) {
            record(alice, 1000, 500);                      // 0.06 of 0.1: still OK, nothing to tell
            record(alice, 1000, 500);                      // 0.12: past the limit, EXCEEDED
            for (Subscription tab : List.of(aliceTab, aliceOtherTab)) {
                JsonObject alert = tab.alert(WAIT);
                assertThat(alert.getString("kind")).isEqualTo("CROSSED");
                assertThat(alert.getString("previousState")).isEqualTo("OK");
                JsonObject quota = alert.getJsonObject("quota");
                assertThat(quota.getString("tenantId")).isEqualTo(alice.tenantId());
                assertThat(quota.getString("resourceType")).isEqualTo("llm");
                assertThat(quota.getString("period")).isEqualTo("month");
                assertThat(quota.getString("status")).isEqualTo("EXCEEDED");
                assertThat(quota.getValue("currentSpendUsd").toString()).isEqualTo("0.12");
                assertThat(quota.getValue("remainingUsd").toString()).isEqualTo("0");
            }
            // the administrator, reading across tenants, hears of it too
            assertThat(admin.alertOf(alice.tenantId(), WAIT).getJsonObject("quota").getString("status"))
                    .isEqualTo("EXCEEDED");
            assertThat(bobTab.nothingWithin(QUIET)).isTrue();
            assertThat(aliceTab.nothingWithin(Duration.ZERO)).as("one crossing, one alert").isTrue();

            // bob's own crossing reaches bob, and alice hears nothing of it
            record(bob, 1000, 500);
            record(bob, 1000, 500);
            assertThat(bobTab.alert(WAIT).getJsonObject("quota").getString("tenantId")).isEqualTo(bob.tenantId());
            assertThat(aliceTab.nothingWithin(QUIET)).isTrue();
        }
    }

    @Test
    void aRefusedReservationIsToldWithTheQuotaThatRefused() throws Exception {
        UsageTenant tenant = UsageTenant.create();
        tenant.setLimit("llm", "0.05");
        try (Subscription dashboard = Subscription.open(tenant.userToken(), null)) {
            JsonPath refusal = failure(writer, "reserveLlmUsage", Map.of("input", Map.of("tenantId",
                    tenant.tenantId(), "provider", "openai", "model", "gpt-4", "inputTokens", 1000, "outputTokens",
                    500)), Map.of());
            assertThat(refusal.getString("errors[0].extensions.code")).isEqualTo("QUOTA_EXCEEDED");
            JsonObject alert = dashboard.alert(WAIT);
            assertThat(alert.getString("kind")).isEqualTo("RESERVATION_REFUSED");
            assertThat(alert.getString("previousState")).isEqualTo("OK");
            assertThat(alert.getJsonObject("quota").getString("tenantId")).isEqualTo(tenant.tenantId());
            assertThat(alert.getJsonObject("quota").getValue("limitUsd").toString()).isEqualTo("0.05");
        }
    }

    @Test
    void aNewPeriodIsToldAsBackToOk() throws Exception {
        UsageTenant tenant = UsageTenant.create();
        tenant.setLimit("llm", "0.05");
        record(tenant, 1000, 500);                         // 0.06: EXCEEDED before anyone listens
        try (Subscription dashboard = Subscription.open(tenant.userToken(), null)) {
            // the month ends now and the next one's quota takes over
            try (Connection owner = OwnerDatabase.connect(); Statement statement = owner.createStatement()) {
                owner.setAutoCommit(false);
                statement.execute("UPDATE copilot_internal.cost_quotas SET period_end = now() WHERE tenant_id = '"
                        + tenant.id() + "' AND resource_type = 'llm' AND period_end > now()");
                statement.execute("INSERT INTO copilot_internal.cost_quotas (tenant_id, scope, scope_id, "
                        + "resource_type, limit_usd, period, period_start, period_end) VALUES ('" + tenant.id()
                        + "', 'tenant', '" + tenant.id() + "', 'llm', 0.05, 'month', now(), now() + interval '1 month')");
                owner.commit();
            }
            JsonObject alert = dashboard.alert(WAIT);
            assertThat(alert.getString("kind")).isEqualTo("PERIOD_STARTED");
            assertThat(alert.getString("previousState")).isEqualTo("EXCEEDED");
            assertThat(alert.getJsonObject("quota").getString("status")).isEqualTo("OK");
            assertThat(alert.getJsonObject("quota").getValue("currentSpendUsd").toString()).isEqualTo("0");
        }
    }

    @Test
    void aCrossingWhileTheListenerIsDisconnectedIsToldOnceItListensAgain() throws Exception {
        UsageTenant tenant = UsageTenant.create();
        tenant.setLimit("llm", "0.1");
        try (Subscription dashboard = Subscription.open(tenant.userToken(), null)) {
            awaitListening(true);
            // what a database restart does to the LISTEN connection
            assertThat(OwnerDatabase.firstColumn("SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity "
                    + "WHERE application_name = 'copilot-metrics quota alerts'")).contains("true");
            awaitListening(false);
            record(tenant, 1000, 500);
            record(tenant, 1000, 500);                     // EXCEEDED, announced to nobody
            assertThat(listener.listening()).as("the crossing committed while nobody listened").isFalse();

            JsonObject alert = dashboard.alert(WAIT);
            assertThat(alert.getString("kind")).isEqualTo("CROSSED");
            assertThat(alert.getJsonObject("quota").getString("status")).isEqualTo("EXCEEDED");
            assertThat(listener.listening()).isTrue();
        }
    }

    @Test
    void aCrossingWhoseReReadFailedIsToldOnceTheReReadSucceeds() throws Exception {
        UsageTenant tenant = UsageTenant.create();
        tenant.setLimit("llm", "0.1");
        try (Subscription dashboard = Subscription.open(tenant.userToken(), null)) {
            awaitListening(true);
            // the database refuses the dashboards' re-reads for a moment, as a dead connection would
            owner("REVOKE SELECT ON metrics.quota_status FROM authenticated");
            try {
                record(tenant, 1000, 500);
                record(tenant, 1000, 500);                 // EXCEEDED, announced; its re-read fails
                assertThat(dashboard.nothingWithin(QUIET)).as("nothing can be read, nothing told").isTrue();
            } finally {
                owner("GRANT SELECT ON metrics.quota_status TO authenticated");
            }
            // retried within seconds, not at the next resync (10 minutes in this profile)
            JsonObject alert = dashboard.alert(WAIT);
            assertThat(alert.getString("kind")).isEqualTo("CROSSED");
            assertThat(alert.getJsonObject("quota").getString("status")).isEqualTo("EXCEEDED");
        }
    }

    @Test
    void aForgedTokenGetsNoConnectionAndAnExpiringOneLosesIt() throws Exception {
        UsageTenant tenant = UsageTenant.create();
        try (GraphQLWebSocket forged = GraphQLWebSocket.open(initPayload(
                Tokens.wronglySigned(tenant.user(), tenant.id()), null))) {
            assertThat(forged.acknowledged()).isFalse();
            assertThat(forged.closeCode(WAIT)).contains((short) 4403);
        }
        try (Subscription expiring = Subscription.open(Tokens.expiringIn(tenant.user(), tenant.id(), 3), null)) {
            assertThat(expiring.socket.closeCode(WAIT)).contains((short) 1008);
        }
    }

    @Test
    void withoutATokenOrBeyondTheLimitsThereIsNoSubscription() throws Exception {
        try (GraphQLWebSocket anonymous = GraphQLWebSocket.open(new JsonObject())) {
            assertThat(anonymous.acknowledged()).isTrue();
            String id = anonymous.subscribe(ALERTS, new JsonObject());
            assertThat(errorCode(anonymous, id)).isEqualTo("FORBIDDEN");
        }
        // the tenant entry of connection_init follows the header's rule: membership, proven in the database
        try (GraphQLWebSocket stranger = GraphQLWebSocket.open(initPayload(ApiFixture.umbrellaOwner(),
                ApiFixture.INITECH.toString()))) {
            assertThat(stranger.acknowledged()).isTrue();
            String id = stranger.subscribe(ALERTS, new JsonObject());
            assertThat(errorCode(stranger, id)).isEqualTo("FORBIDDEN");
        }
        UsageTenant tenant = UsageTenant.create();
        try (GraphQLWebSocket dashboard = GraphQLWebSocket.open(initPayload(tenant.userToken(), null))) {
            assertThat(dashboard.acknowledged()).isTrue();
            int before = hub.openSubscriptions();
            for (int i = 0; i < 20; i++) {
                dashboard.subscribe(ALERTS, new JsonObject());
            }
            awaitOpen(before + 20);
            assertThat(gauge()).isEqualTo(before + 20);
            String oneTooMany = dashboard.subscribe(ALERTS, new JsonObject());
            assertThat(errorCode(dashboard, oneTooMany)).isEqualTo("RATE_LIMITED");
            assertThat(hub.openSubscriptions()).isEqualTo(before + 20);
            dashboard.close();
            awaitOpen(before);
        }
    }

    @Test
    void overHttpASubscriptionIsRefusedWithWhereToGo() throws Exception {
        UsageTenant tenant = UsageTenant.create();
        io.restassured.response.Response refused = GraphQLClient.post(tenant.userToken(), "quotaAlerts", Map.of(),
                Map.of());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.jsonPath().getString("errors[0].extensions.code")).isEqualTo("BAD_REQUEST");
        assertThat(refused.jsonPath().getString("errors[0].message")).contains("WebSocket");

        // a document that also holds a subscription may still run its query over HTTP
        io.restassured.response.Response query = RestAssured.given().contentType("application/json")
                .header("Authorization", "Bearer " + tenant.userToken())
                .body(Map.of("query", ALERTS + "\nquery Mine { me { tenantId } }", "operationName", "Mine"))
                .post("/graphql");
        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(query.jsonPath().getString("data.me.tenantId")).isEqualTo(tenant.tenantId());
    }

    // ---------------------------------------------------------------------------------------

    private void record(UsageTenant tenant, int inputTokens, int outputTokens) {
        Map<String, Object> input = new HashMap<>();
        input.put("idempotencyKey", "alert-" + KEYS.incrementAndGet() + "-" + UUID.randomUUID());
        input.put("tenantId", tenant.tenantId());
        input.put("userId", tenant.userId());
        input.put("provider", "openai");
        input.put("model", "gpt-4");
        input.put("inputTokens", inputTokens);
        input.put("outputTokens", outputTokens);
        input.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(5).toString());
        data(writer, "recordLlmUsage", Map.of("input", input));
    }

    private static void owner(String sql) throws SQLException {
        try (Connection owner = OwnerDatabase.connect(); Statement statement = owner.createStatement()) {
            statement.execute(sql);
        }
    }

    private void awaitListening(boolean expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (listener.listening() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(listener.listening()).isEqualTo(expected);
    }

    private void awaitOpen(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (hub.openSubscriptions() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(hub.openSubscriptions()).isEqualTo(expected);
    }

    private int gauge() {
        String scrape = RestAssured.get(metrics).then().statusCode(200).extract().asString();
        return scrape.lines().filter(line -> line.startsWith("copilot_metrics_quota_alert_subscriptions "))
                .map(line -> (int) Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst()
                .orElseThrow();
    }

    private static String errorCode(GraphQLWebSocket socket, String id) throws InterruptedException {
        while (true) {
            JsonObject message = socket.next(WAIT).orElseThrow(() -> new AssertionError("no answer for " + id));
            if (!id.equals(message.getString("id"))) {
                continue;
            }
            JsonArray errors = "error".equals(message.getString("type")) ? message.getJsonArray("payload")
                    : message.getJsonObject("payload").getJsonArray("errors");
            assertThat(errors).as(message.encode()).isNotNull();
            return errors.getJsonObject(0).getJsonObject("extensions").getString("code");
        }
    }

    /** One dashboard's quotaAlerts subscription on a connection of its own. */
    private static final class Subscription implements AutoCloseable {

        final GraphQLWebSocket socket;
        final String id;

        private Subscription(GraphQLWebSocket socket, String id) {
            this.socket = socket;
            this.id = id;
        }

        static Subscription open(String token, String tenantId) throws Exception {
            GraphQLWebSocket socket = GraphQLWebSocket.open(initPayload(token, tenantId));
            assertThat(socket.acknowledged()).isTrue();
            Subscription subscription = new Subscription(socket, socket.subscribe(ALERTS, new JsonObject()));
            // subscribed once the service has read what it compares with: give it that moment
            Thread.sleep(300);
            return subscription;
        }

        /** The next alert of this subscription. */
        JsonObject alert(Duration timeout) throws InterruptedException {
            return next(timeout).orElseThrow(() -> new AssertionError("no alert within " + timeout));
        }

        /** The next alert about a quota of the tenant, skipping others. */
        JsonObject alertOf(String tenantId, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Optional<JsonObject> alert = next(Duration.ofNanos(deadline - System.nanoTime()));
                if (alert.isPresent() && tenantId.equals(alert.get().getJsonObject("quota").getString("tenantId"))) {
                    return alert.get();
                }
            }
            throw new AssertionError("no alert of " + tenantId + " within " + timeout);
        }

        boolean nothingWithin(Duration quiet) throws InterruptedException {
            return next(quiet).isEmpty();
        }

        private Optional<JsonObject> next(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<JsonObject> others = new ArrayList<>();
            do {
                Optional<JsonObject> message = socket.next(Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0)));
                if (message.isEmpty()) {
                    return Optional.empty();
                }
                JsonObject received = message.get();
                if (id.equals(received.getString("id")) && "next".equals(received.getString("type"))) {
                    JsonObject payload = received.getJsonObject("payload");
                    assertThat(payload.getJsonArray("errors")).as(payload.encode()).isNull();
                    return Optional.of(payload.getJsonObject("data").getJsonObject("quotaAlerts"));
                }
                if ("error".equals(received.getString("type")) || "complete".equals(received.getString("type"))) {
                    throw new AssertionError("the subscription ended: " + received.encode());
                }
                others.add(received);
            } while (System.nanoTime() < deadline);
            return Optional.empty();
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
