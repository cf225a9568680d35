package io.copilot.metrics.costs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.copilot.metrics.api.TimeRange;
import io.copilot.metrics.tenancy.Caller;
import io.copilot.metrics.tenancy.TenantDatabase;
import io.copilot.metrics.testsupport.OwnerDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Answers built from the rollups (per tenant, and per model) equal the raw records exactly, for random ranges (not
 * aligned to anything) over generated costs, before and after costs are deleted and moved:
 * totals per tenant, and series of every granularity cut in zones whose offsets are not whole
 * hours too (where a bucket boundary falls inside a UTC hour).
 */
@QuarkusTest
class RollupConsistencyTest {

    private static final String PREFIX = "7011";
    private static final Caller ADMIN = new Caller("rollup-test", Optional.empty(), Set.of("platform-admin"), true,
            new JsonObject());
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final int SPAN_DAYS = 420;
    private static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "Asia/Kolkata", "Asia/Kathmandu",
            "America/St_Johns", "Australia/Lord_Howe");

    @Inject
    CostRepository costs;

    @Inject
    TenantDatabase database;

    @BeforeAll
    static void generateCosts() throws SQLException {
        try (Connection connection = OwnerDatabase.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT setseed(0.31)");
            statement.execute("INSERT INTO copilot_internal.tenants (id, slug, name) SELECT ('" + PREFIX
                    + "000' || i || '-0000-4000-8000-000000000000')::uuid, 'rollup-' || i, 'Rollup ' || i "
                    + "FROM generate_series(1, 3) AS i");
            statement.execute("INSERT INTO copilot_internal.llm_cost_records (tenant_id, provider, model, "
                    + "input_tokens, cached_input_tokens, input_cost_usd, output_cost_usd, total_cost_usd, occurred_at) "
                    + "SELECT ('" + PREFIX + "000' || (1 + i % 3) || '-0000-4000-8000-000000000000')::uuid, 'openai', "
                    + "CASE WHEN i % 4 = 0 THEN 'gpt-4o-mini' ELSE 'gpt-4o' END, i * 7, i % 5, c, 0, c, '" + START
                    + "'::timestamptz + random() * interval '" + SPAN_DAYS + " days' "
                    + "FROM (SELECT i, round((random() * 2)::numeric, 10) AS c FROM generate_series(1, 4000) AS i) g");
            statement.execute("INSERT INTO copilot_internal.e2b_cost_records (tenant_id, sandbox_id, tier, region, "
                    + "execution_time_seconds, execution_cost_usd, total_cost_usd, occurred_at) "
                    + "SELECT ('" + PREFIX + "000' || (1 + i % 3) || '-0000-4000-8000-000000000000')::uuid, 'sbx', "
                    + "'standard', 'us-east-1', 60, c, c, '" + START + "'::timestamptz + random() * interval '"
                    + SPAN_DAYS + " days' "
                    + "FROM (SELECT i, round((random() * 0.5)::numeric, 10) AS c FROM generate_series(1, 1500) AS i) g");
        }
    }

    @AfterAll
    static void dropTenants() throws SQLException {
        try (Connection connection = OwnerDatabase.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM copilot_internal.tenants WHERE slug LIKE 'rollup-%'");
        }
    }

    @Test
    void totalsAndSeriesEqualTheRawRecordsBeforeAndAfterChanges() throws SQLException {
        compareRandomRanges(new Random(11), 40);

        try (Connection connection = OwnerDatabase.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT setseed(0.5)");
            statement.execute("DELETE FROM copilot_internal.llm_cost_records WHERE tenant_id::text LIKE '" + PREFIX
                    + "%' AND random() < 0.1");
            statement.execute("UPDATE copilot_internal.llm_cost_records SET occurred_at = occurred_at "
                    + "+ random() * interval '45 days', input_cost_usd = input_cost_usd * 2, "
                    + "total_cost_usd = total_cost_usd * 2 WHERE tenant_id::text LIKE '" + PREFIX + "%' AND random() < 0.1");
            statement.execute("DELETE FROM copilot_internal.e2b_cost_records WHERE tenant_id::text LIKE '" + PREFIX
                    + "%' AND random() < 0.2");
        }
        compareRandomRanges(new Random(12), 40);
    }

    private void compareRandomRanges(Random random, int ranges) {
        for (int i = 0; i < ranges; i++) {
            long from = START.getEpochSecond() - 86400 + random.nextInt((SPAN_DAYS + 2) * 86400);
            long to = from + 1 + random.nextInt(random.nextBoolean() ? 3 * 86400 : 200 * 86400);
            TimeRange range = new TimeRange(at(from), at(to));

            Map<String, TenantCost> fromRollups = new HashMap<>();
            costs.costByTenant(ADMIN, range).await().indefinitely()
                    .forEach(cost -> fromRollups.put(cost.tenantId(), cost));
            Map<String, List<Object>> raw = rawTotals(range);
            for (Map.Entry<String, List<Object>> expected : raw.entrySet()) {
                TenantCost actual = fromRollups.get(expected.getKey());
                assertThat(actual).as("tenant %s in %s", expected.getKey(), range).isNotNull();
                assertThat(List.<Object>of(exact(actual.llmCostUsd().value()), exact(actual.e2bCostUsd().value()),
                        actual.llmRequestCount(), actual.e2bExecutionCount(), actual.firstCostAt().toInstant(),
                        actual.lastCostAt().toInstant()))
                        .as("totals of %s in %s", expected.getKey(), range)
                        .isEqualTo(expected.getValue());
            }
            assertThat(fromRollups.keySet()).as("tenants in %s", range).isEqualTo(raw.keySet());

            // zones with whole-hour, half-hour and 45-minute offsets, with and without daylight saving
            String zone = ZONES.get(random.nextInt(ZONES.size()));
            Granularity unit = Granularity.values()[random.nextInt(Granularity.values().length)];
            if (unit == Granularity.HOUR && to - from > 20 * 86400) {
                unit = Granularity.DAY;
            }
            List<CostBucket> series = costs.costSeries(ADMIN, range, unit, ZoneId.of(zone), null)
                    .await().indefinitely();
            assertThat(series.stream().map(bucket -> bucket.start().toInstant() + "=" + bucket.totalCostUsd().value()
                    .stripTrailingZeros().toPlainString() + "/" + (bucket.llmRequestCount() + bucket.e2bExecutionCount()))
                    .toList()).as("%s series in %s over %s", unit, zone, range)
                    .isEqualTo(rawSeries(range, unit, zone));

            // the breakdown by cost type and model reads the hourly model rollups: the same groups and sums
            CostBreakdownQuery byModel = new CostBreakdownQuery(range, List.of(BreakdownDimension.COST_TYPE,
                    BreakdownDimension.MODEL), null, unit, ZoneId.of(zone), BreakdownOrder.KEYS, null, null, null, null,
                    null, null, null, null);
            assertThat(byModel.readsRollups()).isTrue();
            var page = costs.costBreakdown(ADMIN, byModel, 100, 0).await().indefinitely();
            List<String> raw100 = rawBreakdown(range, unit, zone);
            assertThat(page.rows().stream().map(row -> row.bucketStart().toInstant() + "/" + row.costType() + "/"
                    + row.model() + "=" + exact(row.totalCostUsd().value()) + "/"
                    + (row.llmRequestCount() + row.e2bExecutionCount()) + "/" + row.inputTokens() + "/"
                    + row.cachedInputTokens() + "/" + exact(row.executionSeconds())).toList())
                    .as("%s breakdown by model in %s over %s", unit, zone, range)
                    .isEqualTo(raw100.subList(1, raw100.size()));
            assertThat(page.totalCount()).isEqualTo(Long.parseLong(raw100.get(0)));
        }
    }

    private Map<String, List<Object>> rawTotals(TimeRange range) {
        return database.read(ADMIN, connection -> connection.preparedQuery("""
                SELECT tenant_id::text AS tenant,
                       coalesce(sum(cost_usd) FILTER (WHERE cost_type = 'llm'), 0) AS llm,
                       coalesce(sum(cost_usd) FILTER (WHERE cost_type = 'e2b'), 0) AS e2b,
                       count(*) FILTER (WHERE cost_type = 'llm') AS llm_count,
                       count(*) FILTER (WHERE cost_type = 'e2b') AS e2b_count,
                       min(occurred_at) AS first_at, max(occurred_at) AS last_at
                FROM metrics.all_costs WHERE occurred_at >= $1 AND occurred_at < $2 GROUP BY tenant_id
                """).execute(Tuple.of(range.from(), range.to())).map(rows -> {
                    Map<String, List<Object>> totals = new HashMap<>();
                    rows.forEach(row -> totals.put(row.getString("tenant"), List.of(exact(row.getBigDecimal("llm")),
                            exact(row.getBigDecimal("e2b")), row.getLong("llm_count"), row.getLong("e2b_count"),
                            row.getOffsetDateTime("first_at").toInstant(), row.getOffsetDateTime("last_at").toInstant())));
                    return totals;
                })).await().indefinitely();
    }

    private List<String> rawSeries(TimeRange range, Granularity unit, String zone) {
        return database.read(ADMIN, connection -> connection.preparedQuery("""
                SELECT date_trunc($3, occurred_at, $4) AS day, sum(cost_usd) AS total, count(*) AS n
                FROM metrics.all_costs WHERE occurred_at >= $1 AND occurred_at < $2 GROUP BY 1 ORDER BY 1
                """).execute(Tuple.of(range.from(), range.to(), unit.databaseUnit(), zone)).map(rows -> {
                    List<String> days = new java.util.ArrayList<>();
                    rows.forEach(row -> days.add(row.getOffsetDateTime("day").toInstant() + "="
                            + row.getBigDecimal("total").stripTrailingZeros().toPlainString() + "/" + row.getLong("n")));
                    return days;
                })).await().indefinitely();
    }

    /** The group count, then the first 100 groups by (bucket, cost type, model), as the breakdown writes them. */
    private List<String> rawBreakdown(TimeRange range, Granularity unit, String zone) {
        return database.read(ADMIN, connection -> connection.preparedQuery("""
                SELECT date_trunc($3, occurred_at, $4) AS bucket, upper(cost_type) AS type, model,
                       sum(cost_usd) AS total, count(*) AS n, coalesce(sum(input_tokens), 0) AS input,
                       coalesce(sum(cached_input_tokens), 0) AS cached, coalesce(sum(execution_seconds), 0) AS seconds,
                       count(*) OVER () AS groups
                FROM metrics.all_costs WHERE occurred_at >= $1 AND occurred_at < $2
                GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 LIMIT 100
                """).execute(Tuple.of(range.from(), range.to(), unit.databaseUnit(), zone)).map(rows -> {
                    List<String> groups = new java.util.ArrayList<>();
                    groups.add("0");
                    rows.forEach(row -> {
                        groups.set(0, String.valueOf(row.getLong("groups")));
                        groups.add(row.getOffsetDateTime("bucket").toInstant() + "/" + row.getString("type") + "/"
                                + row.getString("model") + "=" + exact(row.getBigDecimal("total")) + "/"
                                + row.getLong("n") + "/" + row.getBigDecimal("input").longValueExact() + "/"
                                + row.getBigDecimal("cached").longValueExact() + "/" + exact(row.getBigDecimal("seconds")));
                    });
                    return groups;
                })).await().indefinitely();
    }

    /** The amount without scale, so 23.577737758 and 23.5777377580 compare equal and nothing else does. */
    private static String exact(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }

    private static OffsetDateTime at(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC);
    }
}
