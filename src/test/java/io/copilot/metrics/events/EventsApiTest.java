package io.copilot.metrics.events;

import static io.copilot.metrics.testsupport.GraphQLClient.data;
import static io.copilot.metrics.testsupport.GraphQLClient.failure;
import static io.copilot.metrics.testsupport.GraphQLClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.ApiErrors;
import io.copilot.metrics.testsupport.OwnerDatabase;
import io.copilot.metrics.testsupport.Tokens;
import io.copilot.metrics.testsupport.UsageTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The event log through the API with real signed tokens: service accounts record events (checked
 * per event, idempotent, safe under racing copies), users read their tenant's events and
 * summaries and nothing of another tenant's. Each test records into tenants of its own.
 */
@QuarkusTest
class EventsApiTest {

    private final String writer = Tokens.usageWriter();
    private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    private UsageTenant tenant;
    private UsageTenant other;

    @BeforeEach
    void newTenants() throws Exception {
        tenant = UsageTenant.create();
        other = UsageTenant.create();
    }

    @Test
    void eachEventOfABatchIsAnsweredOnItsOwnAndOnlyTheValidOnesAreWritten() throws Exception {
        Map<String, Object> noErrorCode = event(tenant, "e-bad-data", "error");
        noErrorCode.put("data", "{\"reason\": \"no code\"}");
        Map<String, Object> tooOld = event(tenant, "e-too-old", "system");
        tooOld.put("time", now.minusDays(91).toString());
        Map<String, Object> future = event(tenant, "e-future", "system");
        future.put("time", now.plusMinutes(10).toString());
        Map<String, Object> notAUuid = event(tenant, "e-bad-tenant", "system");
        notAUuid.put("tenantId", "acme");
        Map<String, Object> unknownTenant = event(tenant, "e-no-tenant", "system");
        unknownTenant.put("tenantId", UUID.randomUUID().toString());
        Map<String, Object> nul = event(tenant, "e-nul", "system");
        nul.put("message", "bad\u0000byte");

        List<Map<String, Object>> answers = record(List.of(event(tenant, "e-ok-1", "performance"), noErrorCode,
                tooOld, future, notAUuid, unknownTenant, nul, event(tenant, "e-ok-2", "error")));

        assertThat(answers).extracting(answer -> answer.get("index")).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(codes(answers)).containsExactly(null, "BAD_USER_INPUT", "BAD_USER_INPUT", "BAD_USER_INPUT",
                "BAD_USER_INPUT", "NOT_FOUND", "BAD_USER_INPUT", null);
        assertThat(message(answers.get(1))).contains("error_code");
        assertThat(message(answers.get(2))).contains("retention");
        assertThat(answers.get(0).get("id")).isNotNull();
        assertThat(answers.get(0).get("replayed")).isEqualTo(false);
        assertThat(storedEvents(tenant)).isEqualTo(2);
    }

    @Test
    void theSameEventAgainIsAReplayAndAnotherEventUnderItsKeyIsAConflict() throws Exception {
        Map<String, Object> first = event(tenant, "e-once", "performance");
        String id = (String) record(List.of(first)).get(0).get("id");

        Map<String, Object> changed = event(tenant, "e-once", "performance");
        changed.put("data", "{\"duration_ms\": 999}");
        Map<String, Object> elsewhen = event(tenant, "e-once", "performance");
        elsewhen.put("time", now.minusMinutes(1).toString());
        Map<String, Object> otherSource = event(tenant, "e-once", "performance");
        otherSource.put("source", "another-service");
        List<Map<String, Object>> answers = record(List.of(first, changed, elsewhen, first, otherSource));

        assertThat(answers.get(0)).containsEntry("id", id).containsEntry("replayed", true);
        assertThat(codes(answers)).containsExactly(null, "CONFLICT", "CONFLICT", null, null);
        assertThat(answers.get(3)).containsEntry("id", id).containsEntry("replayed", true);
        assertThat(answers.get(4).get("id")).isNotEqualTo(id);
        assertThat(storedEvents(tenant)).isEqualTo(2);
    }

    @Test
    void aKeyIsKeptForTheRetentionOnly() throws Exception {
        // an event of 100 days ago, in a month the retention job has not dropped yet
        OffsetDateTime longAgo = now.minusDays(100);
        try (Connection connection = OwnerDatabase.connect();
                var insert = connection.prepareStatement("""
                        SELECT unified.create_monthly_partition(?::date);
                        INSERT INTO unified.event_metric_events (tenant_id, event_id, source, event_type, category, occurred_at)
                        VALUES (?, 'e-reused', 'gateway', 'llm.request.system', 'system', ?)""")) {
            insert.setObject(1, longAgo.toLocalDate());
            insert.setObject(2, tenant.id());
            insert.setObject(3, longAgo);
            insert.execute();
        }
        Map<String, Object> recent = event(tenant, "e-reused", "system");
        Map<String, Object> anHourAgo = event(tenant, "e-reused", "system");
        anHourAgo.put("time", now.minusHours(1).toString());

        List<Map<String, Object>> answers = record(List.of(recent, anHourAgo));

        assertThat(codes(answers)).containsExactly(null, "CONFLICT");
        assertThat(answers.get(0).get("replayed")).isEqualTo(false);
        assertThat(storedEvents(tenant)).isEqualTo(2);
    }

    @Test
    void copiesRacingEachOtherRecordTheEventOnce() throws Exception {
        Map<String, Object> event = event(tenant, "e-raced", "audit");
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<List<Map<String, Object>>>> copies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // as replicas of a backend would: each its own service-account subject (limits are per caller)
            String replica = Tokens.usageWriter(claims -> claims.subject(UUID.randomUUID().toString()));
            copies.add(() -> {
                start.await();
                return data(replica, "recordEvents", Map.of("events", List.of(event))).getList("data.recordEvents");
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        Set<Object> ids = new HashSet<>();
        int created = 0;
        try {
            List<Future<List<Map<String, Object>>>> answers = new ArrayList<>();
            copies.forEach(copy -> answers.add(pool.submit(copy)));
            start.countDown();
            for (Future<List<Map<String, Object>>> answer : answers) {
                Map<String, Object> only = answer.get().get(0);
                assertThat(only.get("error")).isNull();
                ids.add(only.get("id"));
                created += Boolean.FALSE.equals(only.get("replayed")) ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ids).hasSize(1);
        assertThat(created).isEqualTo(1);
        assertThat(storedEvents(tenant)).isEqualTo(1);
    }

    @Test
    void onlyServiceAccountsMayRecordEvents() throws Exception {
        for (String token : List.of(tenant.userToken(), Tokens.platformAdmin())) {
            JsonPath refused = failure(token, "recordEvents", Map.of("events", List.of(event(tenant, "e-x", "system"))),
                    Map.of());
            assertThat(refused.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
            ApiErrors.assertNoInternals(refused);
        }
        assertThat(post(null, "recordEvents", Map.of("events", List.of(event(tenant, "e-x", "system"))), Map.of())
                .statusCode()).isEqualTo(401);
        assertThat(storedEvents(tenant)).isZero();
    }

    @Test
    void aBatchLargerThanTheLimitIsRefusedWhole() throws Exception {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            events.add(event(tenant, "e-many-" + i, "system"));
        }
        JsonPath refused = failure(writer, "recordEvents", Map.of("events", events), Map.of());
        assertThat(refused.getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
        assertThat(refused.getString("errors[0].message")).contains("1000");
        assertThat(storedEvents(tenant)).isZero();
    }

    @Test
    void aUserPagesThroughTheirTenantsEventsNewestFirstAndSeesNoneOfAnotherTenants() throws Exception {
        List<Map<String, Object>> mine = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Map<String, Object> event = event(tenant, "page-" + i, "system");
            event.put("time", now.minusMinutes(i).toString());
            mine.add(event);
        }
        record(mine);
        record(List.of(event(other, "theirs-1", "system"), event(other, "theirs-2", "error")));

        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Map<String, Object> variables = new HashMap<>();
            variables.put("first", 10);
            variables.put("after", after);
            JsonPath page = data(tenant.userToken(), "events", variables);
            List<Map<String, Object>> nodes = page.getList("data.events.edges.node");
            nodes.forEach(node -> {
                assertThat(node.get("tenantId")).isEqualTo(tenant.tenantId());
                seen.add((String) node.get("eventId"));
            });
            after = page.getBoolean("data.events.pageInfo.hasNextPage") ? page.getString("data.events.pageInfo.endCursor")
                    : null;
            pages++;
        } while (after != null);

        assertThat(pages).isEqualTo(3);
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            newestFirst.add("page-" + i);
        }
        assertThat(seen).containsExactlyElementsOf(newestFirst);

        JsonPath theirs = data(other.userToken(), "events", Map.of());
        assertThat(theirs.getList("data.events.edges.node.eventId")).containsExactlyInAnyOrder("theirs-1", "theirs-2");
    }

    @Test
    void eventsAreFilteredByTypeCategorySourceSeverityTimeAndText() throws Exception {
        Map<String, Object> slow = event(tenant, "f-slow", "performance");
        slow.put("message", "Completion from gpt-4o took long");
        Map<String, Object> limited = event(tenant, "f-limited", "error");
        limited.put("message", "Rate limited by the provider");
        limited.put("severity", "CRITICAL");
        limited.put("source", "billing");
        Map<String, Object> old = event(tenant, "f-old", "system");
        old.put("time", now.minusDays(3).toString());
        record(List.of(slow, limited, old));

        assertThat(eventIds(Map.of("category", "ERROR"))).containsExactly("f-limited");
        assertThat(eventIds(Map.of("type", "llm.request.performance"))).containsExactly("f-slow");
        assertThat(eventIds(Map.of("source", "billing"))).containsExactly("f-limited");
        assertThat(eventIds(Map.of("severity", "CRITICAL"))).containsExactly("f-limited");
        assertThat(eventIds(Map.of("search", "rate limited"))).containsExactly("f-limited");
        assertThat(eventIds(Map.of("search", "gpt-4o"))).containsExactly("f-slow");
        assertThat(eventIds(Map.of("search", "nothing-like-this"))).isEmpty();
        // the last 24 hours by default; an explicit range reaches further
        assertThat(eventIds(Map.of())).containsExactlyInAnyOrder("f-slow", "f-limited");
        assertThat(eventIds(Map.of("from", now.minusDays(4).toString(), "to", now.minusDays(2).toString())))
                .containsExactly("f-old");
    }

    @Test
    void badArgumentsAreRefusedWithACode() throws Exception {
        record(List.of(event(tenant, "b-1", "system")));
        for (Map<String, Object> variables : List.of(
                Map.<String, Object>of("after", "not-a-cursor"),
                Map.<String, Object>of("first", 0),
                Map.<String, Object>of("first", 101),
                Map.<String, Object>of("filter", Map.of("from", now.toString(), "to", now.minusHours(1).toString())),
                Map.<String, Object>of("filter", Map.of("search", "a\u0000b")))) {
            JsonPath refused = failure(tenant.userToken(), "events", variables, Map.of());
            assertThat(refused.getString("errors[0].extensions.code")).as("%s", variables).isEqualTo("BAD_USER_INPUT");
            ApiErrors.assertNoInternals(refused);
        }
    }

    @Test
    void theSummariesShowTheCallersTenantOnly() throws Exception {
        Map<String, Object> slow = event(tenant, "s-slow", "performance");
        slow.put("data", "{\"duration_ms\": 250}");
        Map<String, Object> fast = event(tenant, "s-fast", "performance");
        fast.put("data", "{\"duration_ms\": 50}");
        Map<String, Object> failed = event(tenant, "s-failed", "error");
        failed.put("severity", "ERROR");
        failed.put("message", "upstream timed out");
        record(List.of(slow, fast, failed));
        Map<String, Object> theirs = event(other, "s-theirs", "error");
        theirs.put("severity", "CRITICAL");
        record(List.of(theirs, event(other, "s-their-timing", "performance")));
        // what the refresh jobs run (EventLogMaintenanceTest runs the jobs themselves)
        OwnerDatabase.firstColumn("SELECT unified.refresh_materialized_views()");

        JsonPath summaries = data(tenant.userToken(), "eventSummaries", Map.of());
        assertThat(summaries.getList("data.recentEvents.tenantId")).containsOnly(tenant.tenantId());
        assertThat(summaries.getList("data.recentEvents.eventId"))
                .containsExactlyInAnyOrder("s-slow", "s-fast", "s-failed");
        assertThat(summaries.getList("data.errorSummary")).hasSize(1);
        assertThat(summaries.getString("data.errorSummary[0].errorCode")).isEqualTo("upstream_error");
        assertThat(summaries.getLong("data.errorSummary[0].count")).isEqualTo(1);
        assertThat(summaries.getString("data.errorSummary[0].lastMessage")).isEqualTo("upstream timed out");
        assertThat(summaries.getList("data.performanceMetrics")).hasSize(1);
        assertThat(summaries.getLong("data.performanceMetrics[0].count")).isEqualTo(2);
        assertThat(summaries.getDouble("data.performanceMetrics[0].maxDurationMs")).isEqualTo(250.0);
        assertThat(summaries.getDouble("data.performanceMetrics[0].minDurationMs")).isEqualTo(50.0);

        JsonPath theirSummaries = data(other.userToken(), "eventSummaries", Map.of());
        assertThat(theirSummaries.getList("data.recentEvents.eventId"))
                .containsExactlyInAnyOrder("s-theirs", "s-their-timing");
        assertThat(theirSummaries.getInt("data.errorSummary[0].criticalCount")).isEqualTo(1);
    }

    @Test
    void invalidTokensAreRefusedBeforeAnyEventIsRead() throws Exception {
        record(List.of(event(tenant, "t-1", "system")));
        UUID user = tenant.user();
        for (String token : List.of(Tokens.expired(user, tenant.id()), Tokens.wronglySigned(user, tenant.id()),
                Tokens.wrongAudience(user, tenant.id()))) {
            assertThat(post(token, "events", Map.of(), Map.of()).statusCode()).isEqualTo(401);
        }
        assertThat(post(null, "eventSummaries", Map.of(), Map.of()).statusCode()).isEqualTo(401);
    }

    private List<String> eventIds(Map<String, Object> filter) {
        return data(tenant.userToken(), "events", Map.of("filter", filter)).getList("data.events.edges.node.eventId");
    }

    private Map<String, Object> event(UsageTenant owner, String id, String category) {
        Map<String, Object> event = new HashMap<>();
        event.put("tenantId", owner.tenantId());
        event.put("id", id);
        event.put("source", "gateway");
        event.put("type", "llm.request." + category);
        event.put("category", category.toUpperCase());
        event.put("time", now.toString());
        event.put("userId", owner.userId());
        event.put("data", switch (category) {
            case "performance" -> "{\"duration_ms\": 120}";
            case "error" -> "{\"error_code\": \"upstream_error\"}";
            case "usage" -> "{\"quantity\": 3}";
            case "audit" -> "{\"action\": \"key.rotated\"}";
            default -> "{}";
        });
        return event;
    }

    private List<Map<String, Object>> record(List<Map<String, Object>> events) {
        return data(writer, "recordEvents", Map.of("events", events)).getList("data.recordEvents");
    }

    private static List<Object> codes(List<Map<String, Object>> answers) {
        List<Object> codes = new ArrayList<>();
        answers.forEach(answer -> codes.add(answer.get("error") == null ? null
                : ((Map<?, ?>) answer.get("error")).get("code")));
        return codes;
    }

    private static String message(Map<String, Object> answer) {
        return (String) ((Map<?, ?>) answer.get("error")).get("message");
    }

    private static long storedEvents(UsageTenant owner) throws Exception {
        try (Connection connection = OwnerDatabase.connect()) {
            return OwnerDatabase.count(connection, "SELECT count(*) FROM unified.event_metric_events WHERE tenant_id = ?",
                    owner.id());
        }
    }
}
