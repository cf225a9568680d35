package io.copilot.metrics.usage;

import static io.copilot.metrics.testsupport.GraphQLClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.OwnerDatabase;
import io.copilot.metrics.testsupport.Tokens;
import io.copilot.metrics.testsupport.UsageTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/**
 * Races through HTTP, as concurrent backends would: reservations against one limit, then the
 * actuals recorded; copies of one record racing each other; and singles that share their writes
 * (SingleRecordBatcher). All requests of a race start together behind a latch, each from a
 * service account of its own (one caller may have only 16 requests in flight: api.CallerLimits).
 */
@QuarkusTest
class ReservationRaceTest {

    private static final int RACERS = 100;

    private final String model = "race-" + UUID.randomUUID();
    private UsageTenant tenant;
    private ExecutorService pool;

    @BeforeEach
    void tenantWithAThirtyDollarLimitAndADollarPerMillionTokens() throws Exception {
        tenant = UsageTenant.create();
        tenant.setLimit("llm", "30");
        UsageTenant.price(model, "1", "0.5", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1));
        pool = Executors.newFixedThreadPool(RACERS);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void ofAHundredDollarReservationsAgainstThirtyDollarsExactlyThirtyAreAllowed() throws Exception {
        Map<String, Object> reservation = Map.of("tenantId", tenant.tenantId(), "provider", "openai", "model", model,
                "inputTokens", 1_000_000, "outputTokens", 0);
        List<JsonPath> answers = race(RACERS, attempt -> call("reserveLlmUsage", Map.of("input", reservation)));

        List<String> allowed = answers.stream().filter(answer -> answer.get("errors") == null)
                .map(answer -> answer.getString("data.reserveLlmUsage.estimateId")).toList();
        assertThat(allowed).hasSize(30).doesNotHaveDuplicates();
        assertThat(answers).filteredOn(answer -> answer.get("errors") != null)
                .allSatisfy(answer -> assertThat(answer.getString("errors[0].extensions.code"))
                        .isEqualTo("QUOTA_EXCEEDED"));
        assertThat(tenant.quota("llm").get("reserved")).isEqualByComparingTo("30");

        // The actuals differ from the estimates: spend is what was recorded, reserved drops to nothing.
        List<JsonPath> receipts = race(allowed.size(), attempt -> {
            Map<String, Object> usage = new HashMap<>();
            usage.put("idempotencyKey", "actual-" + attempt);
            usage.put("tenantId", tenant.tenantId());
            usage.put("provider", "openai");
            usage.put("model", model);
            usage.put("inputTokens", 700_000 + attempt * 1_003);
            usage.put("outputTokens", 1_000 + attempt);
            usage.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
            usage.put("estimateId", allowed.get(attempt));
            return call("recordLlmUsage", Map.of("input", usage));
        });
        BigDecimal recorded = receipts.stream().map(receipt -> {
            assertThat((Object) receipt.get("errors")).as(receipt.prettify()).isNull();
            return new BigDecimal(receipt.getString("data.recordLlmUsage.totalCostUsd"));
        }).reduce(BigDecimal.ZERO, BigDecimal::add);

        assertThat(tenant.quota("llm").get("spent")).isEqualByComparingTo(recorded);
        assertThat(tenant.quota("llm").get("reserved")).isEqualByComparingTo("0");
        assertThat(OwnerDatabase.firstColumn("SELECT count(*) FROM copilot_internal.quota_reservations WHERE "
                + "tenant_id = '" + tenant.id() + "' AND released_at IS NULL")).containsExactly("0");
    }

    @Test
    void fiftyRacingCopiesOfOneRecordRecordItOnce() throws Exception {
        Map<String, Object> usage = new HashMap<>();
        usage.put("idempotencyKey", "provider-request-42");
        usage.put("tenantId", tenant.tenantId());
        usage.put("provider", "openai");
        usage.put("model", model);
        usage.put("inputTokens", 1_000_000);
        usage.put("outputTokens", 0);
        usage.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        List<JsonPath> answers = race(50, attempt -> call("recordLlmUsage", Map.of("input", usage)));

        assertThat(answers).allSatisfy(answer -> assertThat((Object) answer.get("errors")).as(answer.prettify()).isNull());
        assertThat(answers.stream().map(answer -> answer.getString("data.recordLlmUsage.recordId")).distinct())
                .hasSize(1);
        assertThat(answers.stream().filter(answer -> !answer.getBoolean("data.recordLlmUsage.replayed"))).hasSize(1);
        assertThat(answers.stream().map(answer -> answer.getString("data.recordLlmUsage.totalCostUsd")).distinct())
                .hasSize(1);
        assertThat(tenant.rows("llm_cost_records")).isEqualTo(1);
        assertThat(tenant.quota("llm").get("spent")).isEqualByComparingTo("1");
    }

    @Test
    void racingSinglesShareTheirWritesAndEachGetsItsOwnAnswer() throws Exception {
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        List<JsonPath> answers = race(40, attempt -> {
            Map<String, Object> usage = new HashMap<>();
            // 8 and 9 send other usage under one key; 7 names a model without a price
            usage.put("idempotencyKey", "single-" + (attempt == 9 ? 8 : attempt));
            usage.put("tenantId", tenant.tenantId());
            usage.put("provider", "openai");
            usage.put("model", attempt == 7 ? "no-such-model" : model);
            usage.put("inputTokens", attempt == 9 ? 2_000_000 : 1_000_000);
            usage.put("outputTokens", 0);
            usage.put("occurredAt", now);
            return call("recordLlmUsage", Map.of("input", usage));
        });

        assertThat(answers.get(7).getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
        assertThat(List.of(answers.get(8), answers.get(9)))
                .as("of two usages under one key, one is recorded and the other is a conflict")
                .extracting(answer -> answer.getString("errors[0].extensions.code"))
                .containsExactlyInAnyOrder(null, "CONFLICT");
        List<JsonPath> recorded = answers.stream().filter(answer -> answer.get("errors") == null).toList();
        assertThat(recorded).hasSize(38);
        assertThat(recorded).allSatisfy(answer -> assertThat(answer.getBoolean("data.recordLlmUsage.replayed")).isFalse());
        assertThat(recorded.stream().map(answer -> answer.getString("data.recordLlmUsage.recordId")).distinct())
                .hasSize(38);
        BigDecimal total = recorded.stream().map(answer -> new BigDecimal(answer.getString(
                "data.recordLlmUsage.totalCostUsd"))).reduce(BigDecimal.ZERO, BigDecimal::add);

        assertThat(tenant.rows("llm_cost_records")).isEqualTo(38);
        assertThat(tenant.quota("llm").get("spent")).isEqualByComparingTo(total);
        assertThat(Long.parseLong(OwnerDatabase.firstColumn("SELECT count(DISTINCT xmin::text) FROM "
                + "copilot_internal.llm_cost_records WHERE tenant_id = '" + tenant.tenantId() + "'").get(0)))
                .as("transactions that wrote the 38 records: singles arriving together share one")
                .isLessThan(38);
        assertThat(new BigDecimal(OwnerDatabase.firstColumn("SELECT sum(cost_usd) FROM copilot_internal.cost_rollups "
                + "WHERE grain = 'hour' AND tenant_id = '" + tenant.tenantId() + "'").get(0)))
                .isEqualByComparingTo(total);
    }

    private JsonPath call(String document, Map<String, Object> variables) {
        String writer = Tokens.usageWriter(claims -> claims.subject(UUID.randomUUID().toString()));
        return post(writer, document, variables, Map.of()).then().statusCode(200).extract()
                .jsonPath(JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    interface Attempt {
        JsonPath run(int attempt) throws Exception;
    }

    private List<JsonPath> race(int racers, Attempt attempt) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JsonPath>> running = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            int number = i;
            Callable<JsonPath> racer = () -> {
                start.await();
                return attempt.run(number);
            };
            running.add(pool.submit(racer));
        }
        start.countDown();
        List<JsonPath> answers = new ArrayList<>();
        for (Future<JsonPath> answer : running) {
            answers.add(answer.get());
        }
        return answers;
    }
}
