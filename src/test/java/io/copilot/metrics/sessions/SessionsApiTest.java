package io.copilot.metrics.sessions;

import static io.copilot.metrics.testsupport.GraphQLClient.data;
import static io.copilot.metrics.testsupport.GraphQLClient.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.ApiErrors;
import io.copilot.metrics.testsupport.Tokens;
import io.copilot.metrics.testsupport.UsageTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Session persistence through the API: service accounts report sessions (created, brought up to
 * date, never rolled back by a late report); a user reads their own and nobody else's, a platform
 * administrator every tenant's.
 */
@QuarkusTest
class SessionsApiTest {

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
    void aSessionIsCreatedThenBroughtUpToDateAndALateReportChangesNothing() {
        Map<String, Object> started = session(tenant, tenant.user(), "s-1", now.minusMinutes(10));
        Map<String, Object> later = session(tenant, tenant.user(), "s-1", now);
        later.put("state", "IDLE");
        later.put("requestCount", 7);
        later.put("errorCount", 1);
        later.put("totalDurationMs", 1234.5);
        later.put("metadata", "{\"client\": \"web\"}");
        Map<String, Object> late = session(tenant, tenant.user(), "s-1", now.minusMinutes(5));
        late.put("requestCount", 3);

        List<Map<String, Object>> answers = record(List.of(started, later, late));

        assertThat(answers).extracting(answer -> answer.get("created")).containsExactly(true, false, false);
        assertThat(answers).extracting(answer -> answer.get("applied")).containsExactly(true, true, false);
        assertThat(answers).extracting(answer -> answer.get("id")).containsOnly(answers.get(0).get("id"));

        Map<String, Object> stored = mine(tenant.userToken()).get(0);
        assertThat(stored).containsEntry("sessionId", "s-1").containsEntry("state", "IDLE")
                .containsEntry("requestCount", 7).containsEntry("errorCount", 1)
                .containsEntry("metadata", "{\"client\":\"web\"}");
        assertThat(((Number) stored.get("totalDurationMs")).doubleValue()).isEqualTo(1234.5);
    }

    @Test
    void badSessionsAreAnsweredOneByOne() {
        Map<String, Object> moreErrorsThanRequests = session(tenant, tenant.user(), "s-bad", now);
        moreErrorsThanRequests.put("requestCount", 1);
        moreErrorsThanRequests.put("errorCount", 2);
        Map<String, Object> notJson = session(tenant, tenant.user(), "s-not-json", now);
        notJson.put("metadata", "{oops");
        Map<String, Object> unknownTenant = session(tenant, tenant.user(), "s-lost", now);
        unknownTenant.put("tenantId", UUID.randomUUID().toString());

        List<Map<String, Object>> answers = record(List.of(moreErrorsThanRequests, notJson, unknownTenant,
                session(tenant, tenant.user(), "s-good", now)));

        assertThat(answers).extracting(answer -> answer.get("error") == null ? null
                : (Object) ((Map<?, ?>) answer.get("error")).get("code"))
                .containsExactly("BAD_USER_INPUT", "BAD_USER_INPUT", "NOT_FOUND", null);
        assertThat(mine(tenant.userToken())).extracting(row -> row.get("sessionId")).containsExactly("s-good");
    }

    @Test
    void aUserSeesTheirOwnSessionsOnlyAndAnAdministratorSeesEveryTenants() {
        UUID colleague = UUID.randomUUID();
        List<Map<String, Object>> sessions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sessions.add(session(tenant, tenant.user(), "mine-" + i, now.minusMinutes(i)));
        }
        sessions.add(session(tenant, colleague, "colleague-1", now));
        sessions.add(session(other, other.user(), "theirs-1", now));
        record(sessions);

        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> variables = new HashMap<>();
            variables.put("first", 2);
            variables.put("after", after);
            JsonPath page = data(tenant.userToken(), "sessions", variables);
            seen.addAll(page.getList("data.sessions.edges.node.sessionId"));
            after = page.getBoolean("data.sessions.pageInfo.hasNextPage")
                    ? page.getString("data.sessions.pageInfo.endCursor") : null;
        } while (after != null);
        assertThat(seen).containsExactly("mine-0", "mine-1", "mine-2", "mine-3", "mine-4");

        assertThat(mine(Tokens.forUser(colleague, tenant.id()))).extracting(row -> row.get("sessionId"))
                .containsExactly("colleague-1");
        // naming another user changes nothing for a user
        assertThat(data(tenant.userToken(), "sessions", Map.of("filter", Map.of("userId", colleague.toString())))
                .getList("data.sessions.edges")).isEmpty();

        JsonPath tenantsAsAdmin = data(Tokens.platformAdmin(), "sessions",
                Map.of("filter", Map.of("tenantId", tenant.tenantId()), "first", 100));
        assertThat(tenantsAsAdmin.getList("data.sessions.edges.node.sessionId")).containsExactlyInAnyOrder("mine-0",
                "mine-1", "mine-2", "mine-3", "mine-4", "colleague-1");
        JsonPath idle = data(Tokens.platformAdmin(), "sessions",
                Map.of("filter", Map.of("tenantId", other.tenantId(), "state", "ACTIVE")));
        assertThat(idle.getList("data.sessions.edges.node.sessionId")).containsExactly("theirs-1");
    }

    @Test
    void aSessionPastItsExpiryReadsAsExpired() {
        Map<String, Object> expired = session(tenant, tenant.user(), "s-expired", now.minusHours(2));
        expired.put("expiresAt", now.minusHours(1).toString());
        record(List.of(expired));
        assertThat(mine(tenant.userToken()).get(0)).containsEntry("state", "EXPIRED");
    }

    @Test
    void onlyServiceAccountsMayReportSessions() {
        JsonPath refused = failure(tenant.userToken(), "recordSessions",
                Map.of("sessions", List.of(session(tenant, tenant.user(), "s-x", now))), Map.of());
        assertThat(refused.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        ApiErrors.assertNoInternals(refused);
        assertThat(mine(tenant.userToken())).isEmpty();
    }

    private List<Map<String, Object>> mine(String token) {
        return data(token, "sessions", Map.of()).getList("data.sessions.edges.node");
    }

    private Map<String, Object> session(UsageTenant owner, UUID user, String sessionId, OffsetDateTime lastActivity) {
        Map<String, Object> session = new HashMap<>();
        session.put("tenantId", owner.tenantId());
        session.put("sessionId", sessionId);
        session.put("userId", user.toString());
        session.put("lastActivityAt", lastActivity.toString());
        session.put("expiresAt", now.plusHours(1).toString());
        session.put("requestCount", 1);
        return session;
    }

    private List<Map<String, Object>> record(List<Map<String, Object>> sessions) {
        return data(writer, "recordSessions", Map.of("sessions", sessions)).getList("data.recordSessions");
    }
}
