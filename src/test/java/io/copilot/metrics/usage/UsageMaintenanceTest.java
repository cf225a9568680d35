package io.copilot.metrics.usage;

import static io.copilot.metrics.testsupport.GraphQLClient.data;
import static io.copilot.metrics.testsupport.Money.assertMoney;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.OwnerDatabase;
import io.copilot.metrics.testsupport.Tokens;
import io.copilot.metrics.testsupport.UsageTenant;
import io.quarkus.test.junit.QuarkusTest;

/** What the write path leaves behind is released and pruned; time passing is simulated in the database. */
@QuarkusTest
class UsageMaintenanceTest {

    @Inject
    UsageMaintenance maintenance;

    private final String writer = Tokens.usageWriter();
    private UsageTenant tenant;

    @BeforeEach
    void newTenant() throws Exception {
        tenant = UsageTenant.create();
    }

    @Test
    void aReservationNeverSettledIsReleasedWhenItExpires() throws Exception {
        reserve();
        assertMoney(tenant.quota("llm").get("reserved"), "0.06");
        expireReservations();

        assertThat(maintenance.runOnce().await().indefinitely().releasedReservations()).isGreaterThanOrEqualTo(1);
        assertMoney(tenant.quota("llm").get("reserved"), "0");
        assertThat(OwnerDatabase.firstColumn("SELECT release_reason FROM copilot_internal.quota_reservations "
                + "WHERE tenant_id = '" + tenant.id() + "'")).containsExactly("expired");
    }

    @Test
    void anExpiredReservationNoLongerBlocksTheNextOneEvenBeforeTheJobRuns() throws Exception {
        tenant.setLimit("llm", "0.10");
        reserve();
        expireReservations();

        reserve();
        assertMoney(tenant.quota("llm").get("reserved"), "0.06");
    }

    @Test
    void keysOlderThanTheRetentionArePrunedAndTheirUsageCanNoLongerBeRecorded() throws Exception {
        OwnerDatabase.firstColumn("INSERT INTO copilot_internal.usage_receipts (tenant_id, idempotency_key, "
                + "resource_type, record_id, content_hash, quota_status, occurred_at) VALUES ('" + tenant.id()
                + "', 'ancient', 'llm', gen_random_uuid(), sha256('x'::bytea), 'OK', now() - interval '36 days') "
                + "RETURNING 1");
        OwnerDatabase.firstColumn("INSERT INTO copilot_internal.usage_receipts (tenant_id, idempotency_key, "
                + "resource_type, record_id, content_hash, quota_status, occurred_at) VALUES ('" + tenant.id()
                + "', 'recent', 'llm', gen_random_uuid(), sha256('x'::bytea), 'OK', now() - interval '34 days') "
                + "RETURNING 1");

        assertThat(maintenance.runOnce().await().indefinitely().prunedKeys()).isGreaterThanOrEqualTo(1);
        assertThat(OwnerDatabase.firstColumn("SELECT idempotency_key FROM copilot_internal.usage_receipts "
                + "WHERE tenant_id = '" + tenant.id() + "'")).containsExactly("recent");
    }

    private void reserve() {
        data(writer, "reserveLlmUsage", Map.of("input", Map.of("tenantId", tenant.tenantId(), "provider", "openai",
                "model", "gpt-4", "inputTokens", 1000, "outputTokens", 500)));
    }

    private void expireReservations() throws Exception {
        OwnerDatabase.firstColumn("UPDATE copilot_internal.quota_reservations SET expires_at = '"
                + OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1) + "' WHERE tenant_id = '" + tenant.id()
                + "' RETURNING 1");
    }
}
