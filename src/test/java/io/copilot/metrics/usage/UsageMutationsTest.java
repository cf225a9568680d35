package io.copilot.metrics.usage;

import static io.copilot.metrics.testsupport.GraphQLClient.data;
import static io.copilot.metrics.testsupport.GraphQLClient.failure;
import static io.copilot.metrics.testsupport.GraphQLClient.post;
import static io.copilot.metrics.testsupport.Money.assertMoney;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.copilot.metrics.testsupport.ApiErrors;
import io.copilot.metrics.testsupport.ApiFixture;
import io.copilot.metrics.testsupport.OwnerDatabase;
import io.copilot.metrics.testsupport.Tokens;
import io.copilot.metrics.testsupport.UsageTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Recording usage through the API with real signed service-account tokens: priced in the
 * database at the price in force when the usage happened, idempotent, refused cleanly when bad,
 * and seen by the tenant's reads at once. Each test spends on a tenant of its own.
 */
@QuarkusTest
@ExtendWith(ApiFixture.class)
class UsageMutationsTest {

    private final String writer = Tokens.usageWriter();
    private UsageTenant tenant;

    @BeforeEach
    void newTenant() throws Exception {
        tenant = UsageTenant.create();
    }

    @Test
    void anLlmCallIsPricedInTheDatabaseAndItsReceiptNamesThePrice() throws Exception {
        JsonPath receipt = record(llm("call-1", 1000, 500), "recordLlmUsage");

        assertThat(receipt.getString("kind")).isEqualTo("LLM");
        assertThat(receipt.getString("tenantId")).isEqualTo(tenant.tenantId());
        assertMoney(receipt.get("inputCostUsd"), "0.03");
        assertMoney(receipt.get("outputCostUsd"), "0.03");
        assertMoney(receipt.get("totalCostUsd"), "0.06");
        assertThat(receipt.getBoolean("replayed")).isFalse();
        assertThat(receipt.getString("quotaStatus")).isEqualTo("OK");
        assertThat(receipt.getString("pricingId")).isEqualTo(OwnerDatabase.firstColumn(
                "SELECT id FROM copilot_internal.model_pricing WHERE provider = 'openai' AND model = 'gpt-4'").get(0));
        assertThat(tenant.rows("llm_cost_records")).isEqualTo(1);
        assertMoney(tenant.quota("llm").get("spent"), "0.06");
    }

    @Test
    void cachedAndReasoningTokensArePricedAtTheirOwnPrices() throws Exception {
        // gpt-4o-mini: input 0.15, cached input 0.075, output 0.60 per million; no reasoning price (output's)
        Map<String, Object> input = llm("call-cached", 1000, 500);
        input.put("model", "gpt-4o-mini");
        input.put("cachedInputTokens", 400);
        input.put("reasoningTokens", 100);
        JsonPath receipt = record(input, "recordLlmUsage");

        assertMoney(receipt.get("inputCostUsd"), "0.00012");       // 600 x 0.15 + 400 x 0.075, per million
        assertMoney(receipt.get("cachedInputCostUsd"), "0.00003");
        assertMoney(receipt.get("outputCostUsd"), "0.0003");
        assertMoney(receipt.get("reasoningCostUsd"), "0.00006");
        assertMoney(receipt.get("totalCostUsd"), "0.00042");
    }

    @Test
    void recordingPricesExactlyAsTheSeedsPricingFunctionDoes() throws Exception {
        // the write path prices from the row it found instead of calling calculate_llm_cost again
        int[][] mixes = {{1000, 500, 0, 0, 0}, {123457, 98765, 23456, 11111, 4321}, {7, 3, 7, 0, 3}};
        for (String model : List.of("gpt-4o-mini", "claude-3-opus-20240229", "gpt-4")) {
            for (int[] mix : mixes) {
                Map<String, Object> input = llm("same-" + model + "-" + mix[0], mix[0], mix[1]);
                input.put("provider", model.startsWith("claude") ? "anthropic" : "openai");
                input.put("model", model);
                input.put("cachedInputTokens", mix[2]);
                input.put("cacheWriteTokens", mix[3]);
                input.put("reasoningTokens", mix[4]);
                JsonPath receipt = record(input, "recordLlmUsage");
                String expected = OwnerDatabase.firstColumn(String.format("SELECT round(input_cost_usd, 10) + "
                        + "round(output_cost_usd, 10) FROM copilot_internal.calculate_llm_cost('%s', '%s', %d, %d, "
                        + "%d, %d, %d, now())", input.get("provider"), model, mix[0], mix[1], mix[2], mix[3], mix[4]))
                        .get(0);
                assertMoney(receipt.get("totalCostUsd"), expected);
            }
        }
    }

    @Test
    void twoItemsOfABatchCannotSettleOneEstimate() throws Exception {
        String estimate = data(writer, "reserveLlmUsage", Map.of("input", reservation(1000, 500)))
                .getString("data.reserveLlmUsage.estimateId");
        List<Map<String, Object>> batch = List.of(
                Map.of("llm", with(llm("first-settles", 1000, 400), "estimateId", estimate)),
                Map.of("llm", with(llm("second-may-not", 1000, 400), "estimateId", estimate)));
        JsonPath answer = data(writer, "recordUsage", Map.of("batch", batch));

        assertThat(answer.getString("data.recordUsage[0].receipt.recordId")).isNotNull();
        assertThat(answer.getString("data.recordUsage[1].error.code")).isEqualTo("NOT_FOUND");
        assertThat(tenant.rows("llm_cost_records")).isEqualTo(1);
        assertThat(tenant.rows("usage_receipts")).isEqualTo(1);
        assertMoney(tenant.quota("llm").get("reserved"), "0");
    }

    @Test
    void aSandboxRunIsPricedByTierAndRegion() throws Exception {
        JsonPath receipt = record(sandbox("run-1", "300"), "recordSandboxRun");

        assertThat(receipt.getString("kind")).isEqualTo("SANDBOX");
        assertMoney(receipt.get("executionCostUsd"), "0.03");
        assertMoney(receipt.get("resourceCostUsd"), "0");
        assertMoney(receipt.get("totalCostUsd"), "0.03");
        assertThat(receipt.getBoolean("priceEstimated")).isFalse();
        assertMoney(tenant.quota("e2b").get("spent"), "0.03");
    }

    @Test
    void usageIsPricedAtThePriceInForceWhenItHappened() throws Exception {
        String model = "effective-" + UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UsageTenant.price(model, "1", "0", now.minusDays(10));
        UsageTenant.price(model, "2", "0", now.minusDays(2));

        Map<String, Object> before = llm("old-price", 1_000_000, 0);
        before.put("model", model);
        before.put("occurredAt", now.minusDays(5).toString());
        Map<String, Object> after = llm("new-price", 1_000_000, 0);
        after.put("model", model);

        assertMoney(record(before, "recordLlmUsage").get("totalCostUsd"), "1");
        assertMoney(record(after, "recordLlmUsage").get("totalCostUsd"), "2");
    }

    @Test
    void aReplayAnswersTheFirstReceiptAndSpendsNothingAgain() throws Exception {
        Map<String, Object> usage = llm("replayed", 1000, 500);
        JsonPath first = record(usage, "recordLlmUsage");
        JsonPath again = record(usage, "recordLlmUsage");

        assertThat(again.getString("recordId")).isEqualTo(first.getString("recordId"));
        assertThat(again.getString("totalCostUsd")).isEqualTo(first.getString("totalCostUsd"));
        assertThat(again.getString("quotaStatus")).isEqualTo(first.getString("quotaStatus"));
        assertThat(again.getBoolean("replayed")).isTrue();
        assertThat(tenant.rows("llm_cost_records")).isEqualTo(1);
        assertMoney(tenant.quota("llm").get("spent"), "0.06");
    }

    @Test
    void theSameKeyWithOtherUsageIsAConflict() throws Exception {
        Map<String, Object> usage = llm("reused", 1000, 500);
        record(usage, "recordLlmUsage");
        JsonPath conflict = refused("recordLlmUsage", with(usage, "inputTokens", 1001));

        assertThat(conflict.getString("errors[0].extensions.code")).isEqualTo("CONFLICT");
        assertThat(conflict.getString("errors[0].message")).contains("reused");
        assertThat(tenant.rows("llm_cost_records")).isEqualTo(1);
    }

    @Test
    void badUsageIsRefusedWithACodeAndNothingIsWritten() throws Exception {
        Map<String, Map<String, Object>> bad = new HashMap<>();
        bad.put("unknown model", with(llm("b1", 10, 10), "model", "gpt-unknown"));
        bad.put("negative tokens", with(llm("b2", -1, 10), "outputTokens", 10));
        bad.put("cached over input", with(llm("b3", 10, 10), "cachedInputTokens", 11));
        bad.put("reasoning over output", with(llm("b4", 10, 10), "reasoningTokens", 11));
        bad.put("in the future", with(llm("b5", 10, 10), "occurredAt",
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString()));
        bad.put("older than the retention", with(llm("b6", 10, 10), "occurredAt",
                OffsetDateTime.now(ZoneOffset.UTC).minusDays(36).toString()));
        bad.put("tenant not a UUID", with(llm("b7", 10, 10), "tenantId", "acme"));
        bad.put("blank key", with(llm("b8", 10, 10), "idempotencyKey", " "));
        bad.put("unknown conversation", with(llm("b9", 10, 10), "conversationId", UUID.randomUUID().toString()));
        for (var entry : bad.entrySet()) {
            JsonPath answer = refused("recordLlmUsage", entry.getValue());
            assertThat(answer.getString("errors[0].extensions.code")).as(entry.getKey()).isEqualTo("BAD_USER_INPUT");
            ApiErrors.assertNoInternals(answer);
        }
        JsonPath unknownTier = refused("recordSandboxRun", with(sandbox("b10", "10"), "tier", "quantum"));
        assertThat(unknownTier.getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
        JsonPath tooPrecise = refused("recordSandboxRun", sandbox("b11", "1.0001"));
        assertThat(tooPrecise.getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");

        assertThat(tenant.rows("llm_cost_records") + tenant.rows("e2b_cost_records") + tenant.rows("usage_receipts"))
                .isZero();
        assertMoney(tenant.quota("llm").get("spent"), "0");
    }

    @Test
    void onlyActiveTenantsThatExistRecord() throws Exception {
        JsonPath unknown = refused("recordLlmUsage", with(llm("t1", 10, 10), "tenantId", UUID.randomUUID().toString()));
        assertThat(unknown.getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");

        tenant.setStatus("suspended");
        JsonPath suspended = refused("recordLlmUsage", llm("t2", 10, 10));
        assertThat(suspended.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        assertThat(tenant.rows("llm_cost_records")).isZero();
    }

    @Test
    void onlyServiceAccountsWithTheWriterRoleMayWrite() throws Exception {
        Map<String, Object> variables = Map.of("input", llm("who", 10, 10));
        for (String token : List.of(tenant.userToken(), ApiFixture.platformAdmin(), ApiFixture.initechOwner())) {
            JsonPath answer = failure(token, "recordLlmUsage", variables, Map.of());
            assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        }
        JsonPath reserve = failure(tenant.userToken(), "reserveLlmUsage",
                Map.of("input", reservation(1000, 500)), Map.of());
        assertThat(reserve.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");

        long now = System.currentTimeMillis() / 1000;
        for (String token : new String[] {null, Tokens.usageWriter(claims -> claims.issuedAt(now - 3600).expiresAt(now - 60)),
                Tokens.usageWriter(claims -> claims.audience("another-service")), Tokens.usageWriterSignedByStranger()}) {
            assertThat(post(token, "recordLlmUsage", variables, Map.of()).statusCode()).isEqualTo(401);
        }
        assertThat(tenant.rows("llm_cost_records")).isZero();
    }

    @Test
    void aBatchAnswersEveryItemAndOneBadItemRejectsNoOther() throws Exception {
        Map<String, Object> replayed = llm("batch-0", 1000, 500);
        List<Map<String, Object>> batch = List.of(
                Map.of("llm", replayed),
                Map.of("llm", with(llm("batch-1", 10, 10), "model", "gpt-unknown")),
                Map.of("sandbox", with(sandbox("batch-2", "300"), "userId", tenant.userId())),
                Map.of("llm", with(llm("batch-3", 10, 10), "tenantId", "not-a-tenant")),
                Map.of("llm", replayed),
                Map.of());
        JsonPath answer = data(writer, "recordUsage", Map.of("batch", batch));

        List<Map<String, Object>> results = answer.getList("data.recordUsage");
        assertThat(results).extracting(result -> result.get("index")).map(Object::toString)
                .containsExactly("0", "1", "2", "3", "4", "5");
        assertThat(answer.getString("data.recordUsage[0].receipt.recordId")).isNotNull();
        assertThat(answer.getString("data.recordUsage[1].error.code")).isEqualTo("BAD_USER_INPUT");
        assertThat(answer.getString("data.recordUsage[1].error.message")).contains("gpt-unknown");
        assertMoney(answer.get("data.recordUsage[2].receipt.totalCostUsd"), "0.03");
        assertThat(answer.getString("data.recordUsage[3].error.code")).isEqualTo("BAD_USER_INPUT");
        assertThat(answer.getString("data.recordUsage[4].receipt.recordId"))
                .isEqualTo(answer.getString("data.recordUsage[0].receipt.recordId"));
        assertThat(answer.getBoolean("data.recordUsage[4].receipt.replayed")).isTrue();
        assertThat(answer.getString("data.recordUsage[5].error.code")).isEqualTo("BAD_USER_INPUT");
        assertThat(tenant.rows("llm_cost_records")).isEqualTo(1);
        assertThat(tenant.rows("e2b_cost_records")).isEqualTo(1);
        // the sandbox run follows an LLM call of the same tenant and user: it spends on its own quota
        assertMoney(tenant.quota("llm").get("spent"), "0.06");
        assertMoney(tenant.quota("e2b").get("spent"), "0.03");
    }

    @Test
    void eachItemOfABatchAnswersTheStateOfItsOwnQuotas() throws Exception {
        tenant.setLimit("llm", "0.10");
        UsageTenant other = UsageTenant.create();
        List<Map<String, Object>> batch = List.of(
                Map.of("llm", llm("own-1", 1000, 500)),
                Map.of("llm", with(with(llm("other-1", 1000, 500), "tenantId", other.tenantId()), "userId",
                        other.userId())),
                Map.of("llm", llm("own-2", 1000, 500)));
        JsonPath answer = data(writer, "recordUsage", Map.of("batch", batch));

        // 0.12 spent against a limit of 0.10: both of this tenant's items say so, the other's not
        assertThat(answer.getList("data.recordUsage.receipt.quotaStatus"))
                .containsExactly("EXCEEDED", "OK", "EXCEEDED");
        assertThat(OwnerDatabase.firstColumn("SELECT quota_status FROM copilot_internal.usage_receipts WHERE tenant_id"
                + " IN ('" + tenant.id() + "', '" + other.id() + "') ORDER BY idempotency_key"))
                .containsExactly("OK", "EXCEEDED", "EXCEEDED");
    }

    @Test
    void eachItemOfABatchSpendsOnTheQuotasOfItsOwnMonth() throws Exception {
        OffsetDateTime thisMonth = OffsetDateTime.now(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        OffsetDateTime lastMonth = thisMonth.minusHours(1);
        OwnerDatabase.firstColumn("SELECT copilot_internal.initialize_tenant_quotas('" + tenant.id() + "', '"
                + lastMonth + "')");
        // the batch looks a tenant's quotas up once for as long as they hold: the middle item is not
        // in that span and must be looked up again
        List<Map<String, Object>> batch = List.of(
                Map.of("llm", llm("this-month-1", 1000, 500)),
                Map.of("llm", with(llm("last-month", 1000, 500), "occurredAt", lastMonth.toString())),
                Map.of("llm", llm("this-month-2", 1000, 500)));
        data(writer, "recordUsage", Map.of("batch", batch));

        assertThat(OwnerDatabase.firstColumn("SELECT to_char(period_start, 'YYYY-MM') || ' ' || current_spend_usd::"
                + "numeric(10, 2) FROM copilot_internal.cost_quotas WHERE tenant_id = '" + tenant.id() + "' AND scope"
                + " = 'tenant' AND resource_type = 'llm' ORDER BY period_start"))
                .containsExactly(lastMonth.toString().substring(0, 7) + " 0.06",
                        thisMonth.toString().substring(0, 7) + " 0.12");
    }

    @Test
    void aBatchOverTheLimitIsRefusedWhole() throws Exception {
        List<Map<String, Object>> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 501; i++) {
            batch.add(Map.of("llm", llm("over-" + i, 1, 1)));
        }
        JsonPath answer = failure(writer, "recordUsage", Map.of("batch", batch), Map.of());
        assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
        assertThat(tenant.rows("llm_cost_records")).isZero();
    }

    @Test
    void theTenantsReadsSeeARecordAtOnce() throws Exception {
        record(llm("seen", 1000, 500), "recordLlmUsage");
        String dashboard = tenant.userToken();

        assertMoney(data(dashboard, "costByTenant", Map.of()), "data.costByTenant[0].totalCostUsd", "0.06");
        assertThat(data(dashboard, "allCosts", Map.of()).getList("data.allCosts.edges.node.costType"))
                .containsExactly("LLM");
        assertMoney(data(dashboard, "costSeries", Map.of("granularity", "DAY")).getList("data.costSeries.totalCostUsd")
                .stream().map(amount -> new BigDecimal(amount.toString())).reduce(BigDecimal.ZERO, BigDecimal::add),
                "0.06");
        List<Map<String, Object>> quotas = data(dashboard, "quotaStatus", Map.of()).getList("data.quotaStatus");
        assertThat(quotas).filteredOn(quota -> "llm".equals(quota.get("resourceType")))
                .singleElement().satisfies(quota -> assertMoney(quota.get("currentSpendUsd"), "0.06"));
    }

    @Test
    void aReservationHoldsItsEstimateUntilTheUsageIsRecorded() throws Exception {
        JsonPath reserved = data(writer, "reserveLlmUsage", Map.of("input", reservation(1000, 500)));
        assertThat(reserved.getString("data.reserveLlmUsage.decision")).isEqualTo("ALLOWED");
        assertMoney(reserved.get("data.reserveLlmUsage.estimatedCostUsd"), "0.06");
        assertMoney(tenant.quota("llm").get("reserved"), "0.06");
        assertMoney(tenant.quota("llm").get("spent"), "0");

        Map<String, Object> actual = with(llm("settled", 1000, 400), "estimateId",
                reserved.getString("data.reserveLlmUsage.estimateId"));
        assertMoney(record(actual, "recordLlmUsage").get("totalCostUsd"), "0.054");

        assertMoney(tenant.quota("llm").get("reserved"), "0");
        assertMoney(tenant.quota("llm").get("spent"), "0.054");
        assertThat(OwnerDatabase.firstColumn("SELECT release_reason FROM copilot_internal.quota_reservations "
                + "WHERE tenant_id = '" + tenant.id() + "'")).containsExactly("recorded");
        assertThat(OwnerDatabase.firstColumn("SELECT llm_cost_record_id IS NOT NULL FROM "
                + "copilot_internal.llm_cost_estimates WHERE tenant_id = '" + tenant.id() + "'")).containsExactly("t");

        JsonPath secondUse = refused("recordLlmUsage", with(actual, "idempotencyKey", "settled-again"));
        assertThat(secondUse.getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");
    }

    @Test
    void aReservationThatWouldPassALimitIsRefusedWithTheQuotaAndHoldsNothing() throws Exception {
        tenant.setLimit("llm", "0.10");
        data(writer, "reserveLlmUsage", Map.of("input", reservation(1000, 500)));

        JsonPath refusal = failure(writer, "reserveLlmUsage", Map.of("input", reservation(1000, 500)), Map.of());
        assertThat(refusal.getString("errors[0].extensions.code")).isEqualTo("QUOTA_EXCEEDED");
        assertMoney(refusal.get("errors[0].extensions.quota.limitUsd"), "0.10");
        assertMoney(refusal.get("errors[0].extensions.quota.spentUsd"), "0");
        assertMoney(refusal.get("errors[0].extensions.quota.reservedUsd"), "0.06");
        assertMoney(refusal.get("errors[0].extensions.quota.remainingUsd"), "0.04");
        assertMoney(refusal.get("errors[0].extensions.quota.requestedUsd"), "0.06");
        assertThat(refusal.getString("errors[0].message")).contains("limit 0.1", "remaining 0.04");
        assertMoney(tenant.quota("llm").get("reserved"), "0.06");
        assertThat(tenant.rows("llm_cost_estimates")).isEqualTo(1);
    }

    @Test
    void aSandboxReservationHoldsTheE2bQuota() throws Exception {
        JsonPath reserved = data(writer, "reserveSandboxRun", Map.of("input", Map.of("tenantId", tenant.tenantId(),
                "tier", "standard", "region", "us-east-1", "executionSeconds", 600)));
        assertThat(reserved.getString("data.reserveSandboxRun.kind")).isEqualTo("SANDBOX");
        assertMoney(reserved.get("data.reserveSandboxRun.estimatedCostUsd"), "0.06");
        assertMoney(tenant.quota("e2b").get("reserved"), "0.06");
        assertMoney(tenant.quota("llm").get("reserved"), "0");
    }

    private Map<String, Object> llm(String key, int inputTokens, int outputTokens) {
        Map<String, Object> input = new HashMap<>();
        input.put("idempotencyKey", key);
        input.put("tenantId", tenant.tenantId());
        input.put("userId", tenant.userId());
        input.put("provider", "openai");
        input.put("model", "gpt-4");
        input.put("inputTokens", inputTokens);
        input.put("outputTokens", outputTokens);
        input.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).toString());
        return input;
    }

    private Map<String, Object> sandbox(String key, String seconds) {
        Map<String, Object> input = new HashMap<>();
        input.put("idempotencyKey", key);
        input.put("tenantId", tenant.tenantId());
        input.put("sandboxId", "sbx-" + key);
        input.put("tier", "standard");
        input.put("region", "us-east-1");
        input.put("executionSeconds", new BigDecimal(seconds));
        input.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).toString());
        return input;
    }

    private Map<String, Object> reservation(int inputTokens, int outputTokens) {
        return Map.of("tenantId", tenant.tenantId(), "provider", "openai", "model", "gpt-4",
                "inputTokens", inputTokens, "outputTokens", outputTokens);
    }

    private static Map<String, Object> with(Map<String, Object> input, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(input);
        changed.put(field, value);
        return changed;
    }

    private JsonPath record(Map<String, Object> input, String mutation) {
        return data(writer, mutation, Map.of("input", input)).setRootPath("data." + mutation);
    }

    private JsonPath refused(String mutation, Map<String, Object> input) {
        JsonPath answer = failure(writer, mutation, Map.of("input", input), Map.of());
        assertThat(answer.getList("errors")).as(answer.prettify()).isNotEmpty();
        return answer;
    }
}
