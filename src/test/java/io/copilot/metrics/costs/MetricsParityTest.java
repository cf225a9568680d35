package io.copilot.metrics.costs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.GraphQLClient;
import io.copilot.metrics.testsupport.OwnerDatabase;
import io.copilot.metrics.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The API is a window on the metrics schema, not a second implementation of it: over generated
 * data, allCosts, costByTenant and topSpendingTenants answer exactly what metrics.all_costs,
 * metrics.cost_by_tenant and metrics.top_spending_tenants answer for the same caller (a
 * tenant's user as authenticated, a platform administrator as analytics_reader): over all
 * time, where the views apply as they stand, and over random ranges, where the row-level view
 * is aggregated the way the aggregate views do.
 */
@QuarkusTest
class MetricsParityTest {

    private static final String PREFIX = "9a11";
    private static final int TENANTS = 4;
    private static final Instant START = Instant.parse("2025-06-01T00:00:00Z");
    private static final int SPAN_DAYS = 400;
    private static final String ALL_TIME_FROM = "1970-01-01T00:00:00Z";
    private static final String ALL_TIME_TO = "2200-01-01T00:00:00Z";

    record Viewer(String token, String role, String claims) {
    }

    private static Viewer tenantUser;
    private static Viewer administrator;

    @BeforeAll
    static void generateCosts() throws SQLException {
        try (Connection connection = OwnerDatabase.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT setseed(0.77)");
            statement.execute("INSERT INTO copilot_internal.tenants (id, slug, name) SELECT " + tenant("i")
                    + ", 'parity-' || i, 'Parity ' || i FROM generate_series(1, " + TENANTS + ") AS i");
            // Amounts in steps of 0.0000000001 (including zero), several costs per microsecond-exact instant.
            statement.execute("INSERT INTO copilot_internal.llm_cost_records (tenant_id, user_id, provider, model, "
                    + "input_cost_usd, output_cost_usd, total_cost_usd, occurred_at) "
                    + "SELECT " + tenant("1 + i % " + TENANTS) + ", " + user("1 + i % " + TENANTS) + ", "
                    + "(ARRAY['openai','anthropic'])[1 + i % 2], 'm' || (i % 3), c, 0, c, "
                    + "'" + START + "'::timestamptz + floor(random() * " + SPAN_DAYS + " * 86400) * interval '1 second' "
                    + "FROM (SELECT i, round((random() * random() * 3)::numeric, 10) * (i % 17 > 0)::int AS c "
                    + "FROM generate_series(1, 2500) AS i) g");
            statement.execute("INSERT INTO copilot_internal.e2b_cost_records (tenant_id, user_id, sandbox_id, tier, "
                    + "region, execution_time_seconds, execution_cost_usd, total_cost_usd, occurred_at) "
                    + "SELECT " + tenant("1 + i % " + TENANTS) + ", " + user("1 + i % " + TENANTS) + ", 'sbx', "
                    + "'standard', 'us-east-1', 60, c, c, "
                    + "'" + START + "'::timestamptz + random() * interval '" + SPAN_DAYS + " days' "
                    + "FROM (SELECT i, round((random() * 0.4)::numeric, 10) AS c FROM generate_series(1, 800) AS i) g");
            // The fourth tenant spent nothing at all: listed by neither top-spending answer.
            statement.execute("DELETE FROM copilot_internal.llm_cost_records WHERE tenant_id = " + tenant("4"));
            statement.execute("UPDATE copilot_internal.e2b_cost_records SET execution_cost_usd = 0, total_cost_usd = 0 "
                    + "WHERE tenant_id = " + tenant("4"));
        }
        UUID home = UUID.fromString(PREFIX + "0001-0000-4000-8000-000000000000");
        UUID subject = UUID.fromString(PREFIX + "0001-0000-4000-8000-0000000000a1");
        tenantUser = new Viewer(Tokens.forUser(subject, home), "authenticated",
                "{\"sub\":\"" + subject + "\",\"tenant_id\":\"" + home + "\",\"roles\":[\"user\"]}");
        administrator = new Viewer(Tokens.platformAdmin(), "analytics_reader", "{\"roles\":[\"platform-admin\"]}");
    }

    @AfterAll
    static void dropTenants() throws SQLException {
        try (Connection connection = OwnerDatabase.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM copilot_internal.tenants WHERE slug LIKE 'parity-%'");
        }
    }

    @Test
    void costByTenantIsTheView() throws SQLException {
        for (Viewer viewer : List.of(tenantUser, administrator)) {
            List<Map<String, Object>> api = costByTenant(viewer, ALL_TIME_FROM, ALL_TIME_TO);
            List<Map<String, Object>> view = rows(viewer, """
                    SELECT tenant_id, llm_cost_usd, e2b_cost_usd, total_cost_usd, llm_request_count,
                           e2b_execution_count, first_cost_at, last_cost_at
                    FROM metrics.cost_by_tenant ORDER BY total_cost_usd DESC, tenant_id""");
            assertThat(api).as("costByTenant for %s", viewer.role()).isNotEmpty().isEqualTo(view);
        }
    }

    @Test
    void costByTenantOverRandomRangesIsTheRowLevelViewAggregated() throws SQLException {
        Random random = new Random(5);
        for (int i = 0; i < 25; i++) {
            String[] range = randomRange(random);
            for (Viewer viewer : List.of(tenantUser, administrator)) {
                List<Map<String, Object>> expected = rows(viewer, """
                        SELECT tenant_id,
                               coalesce(sum(cost_usd) FILTER (WHERE cost_type = 'llm'), 0) AS llm_cost_usd,
                               coalesce(sum(cost_usd) FILTER (WHERE cost_type = 'e2b'), 0) AS e2b_cost_usd,
                               sum(cost_usd) AS total_cost_usd,
                               count(*) FILTER (WHERE cost_type = 'llm') AS llm_request_count,
                               count(*) FILTER (WHERE cost_type = 'e2b') AS e2b_execution_count,
                               min(occurred_at) AS first_cost_at, max(occurred_at) AS last_cost_at
                        FROM metrics.all_costs WHERE occurred_at >= ?::timestamptz AND occurred_at < ?::timestamptz
                        GROUP BY tenant_id ORDER BY total_cost_usd DESC, tenant_id""", range[0], range[1]);
                assertThat(costByTenant(viewer, range[0], range[1])).as("%s in [%s, %s)", viewer.role(), range[0],
                        range[1]).isEqualTo(expected);
            }
        }
    }

    @Test
    void topSpendingTenantsIsTheView() throws SQLException {
        for (Viewer viewer : List.of(tenantUser, administrator)) {
            List<Map<String, Object>> api = topSpendingTenants(viewer, ALL_TIME_FROM, ALL_TIME_TO);
            List<Map<String, Object>> view = rows(viewer, """
                    SELECT spend_rank, tenant_id, llm_cost_usd, e2b_cost_usd, total_cost_usd
                    FROM metrics.top_spending_tenants ORDER BY total_cost_usd DESC, tenant_id LIMIT 100""");
            assertThat(api).as("topSpendingTenants for %s", viewer.role()).isNotEmpty().isEqualTo(view);
            assertThat(api).extracting(row -> row.get("tenant_id"))
                    .as("a tenant that spent nothing is not a top spender")
                    .doesNotContain(PREFIX + "0004-0000-4000-8000-000000000000");
        }
    }

    @Test
    void allCostsPagesAreTheRowLevelViewInOrder() throws SQLException {
        Random random = new Random(8);
        for (int i = 0; i < 4; i++) {
            String[] range = i == 0 ? new String[] {ALL_TIME_FROM, ALL_TIME_TO} : randomRange(random);
            for (Viewer viewer : List.of(tenantUser, administrator)) {
                List<Map<String, Object>> view = rows(viewer, """
                        SELECT id, lower(cost_type) AS cost_type, tenant_id, user_id, conversation_id, provider, model,
                               input_tokens, output_tokens, execution_seconds, cost_usd, occurred_at
                        FROM metrics.all_costs WHERE occurred_at >= ?::timestamptz AND occurred_at < ?::timestamptz
                        ORDER BY occurred_at, id""", range[0], range[1]);
                assertThat(allCosts(viewer, range[0], range[1])).as("allCosts for %s in [%s, %s)", viewer.role(),
                        range[0], range[1]).isEqualTo(view);
            }
        }
    }

    // --- the API's answers, as rows of plain values -----------------------------------------

    private static List<Map<String, Object>> costByTenant(Viewer viewer, String from, String to) {
        JsonPath json = GraphQLClient.data(viewer.token(), "costByTenant", Map.of("from", from, "to", to));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> cost : json.<Map<String, Object>>getList("data.costByTenant")) {
            rows.add(row("tenant_id", cost.get("tenantId"), "llm_cost_usd", money(cost.get("llmCostUsd")),
                    "e2b_cost_usd", money(cost.get("e2bCostUsd")), "total_cost_usd", money(cost.get("totalCostUsd")),
                    "llm_request_count", count(cost.get("llmRequestCount")),
                    "e2b_execution_count", count(cost.get("e2bExecutionCount")),
                    "first_cost_at", instant(cost.get("firstCostAt")), "last_cost_at", instant(cost.get("lastCostAt"))));
        }
        return rows;
    }

    private static List<Map<String, Object>> topSpendingTenants(Viewer viewer, String from, String to) {
        JsonPath json = GraphQLClient.data(viewer.token(), "topSpendingTenants",
                Map.of("from", from, "to", to, "limit", 100));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> ranked : json.<Map<String, Object>>getList("data.topSpendingTenants")) {
            rows.add(row("spend_rank", count(ranked.get("rank")), "tenant_id", ranked.get("tenantId"),
                    "llm_cost_usd", money(ranked.get("llmCostUsd")), "e2b_cost_usd", money(ranked.get("e2bCostUsd")),
                    "total_cost_usd", money(ranked.get("totalCostUsd"))));
        }
        return rows;
    }

    private static List<Map<String, Object>> allCosts(Viewer viewer, String from, String to) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("filter", Map.of("from", from, "to", to));
            variables.put("first", 100);
            variables.put("after", after);
            JsonPath page = GraphQLClient.data(viewer.token(), "allCostsEveryField", variables);
            for (Map<String, Object> cost : page.<Map<String, Object>>getList("data.allCosts.edges.node")) {
                rows.add(row("id", cost.get("id"), "cost_type", cost.get("costType").toString().toLowerCase(),
                        "tenant_id", cost.get("tenantId"), "user_id", cost.get("userId"),
                        "conversation_id", cost.get("conversationId"), "provider", cost.get("provider"),
                        "model", cost.get("model"), "input_tokens", count(cost.get("inputTokens")),
                        "output_tokens", count(cost.get("outputTokens")),
                        "execution_seconds", money(cost.get("executionSeconds")), "cost_usd", money(cost.get("costUsd")),
                        "occurred_at", instant(cost.get("occurredAt"))));
            }
            more = page.getBoolean("data.allCosts.pageInfo.hasNextPage");
            after = page.getString("data.allCosts.pageInfo.endCursor");
        }
        return rows;
    }

    // --- the views' answers, as the same caller --------------------------------------------

    private static List<Map<String, Object>> rows(Viewer viewer, String sql, Object... parameters)
            throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        OwnerDatabase.inRolledBackTransaction(connection -> {
            OwnerDatabase.actAs(connection, viewer.role(), viewer.claims());
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = statement.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int column = 1; column <= meta.getColumnCount(); column++) {
                            Object value = rs.getObject(column);
                            String name = meta.getColumnLabel(column);
                            row.put(name, value instanceof BigDecimal amount ? money(amount)
                                    : value instanceof Number number ? count(number)
                                    : value instanceof java.sql.Timestamp ? instant(rs.getObject(column, OffsetDateTime.class))
                                    : value == null ? null : value.toString());
                        }
                        rows.add(row);
                    }
                }
            }
        });
        return rows;
    }

    private static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    private static String money(Object amount) {
        return amount == null ? null : new BigDecimal(amount.toString()).stripTrailingZeros().toPlainString();
    }

    private static Long count(Object number) {
        return number == null ? null : new BigDecimal(number.toString()).longValueExact();
    }

    private static String instant(Object at) {
        return at == null ? null : OffsetDateTime.parse(at.toString()).toInstant().toString();
    }

    private static String[] randomRange(Random random) {
        long from = START.getEpochSecond() - 86400 + random.nextInt((SPAN_DAYS + 2) * 86400);
        long to = from + 1 + random.nextInt(random.nextBoolean() ? 2 * 86400 : 150 * 86400);
        return new String[] {at(from), at(to)};
    }

    private static String at(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC).toString();
    }

    private static String tenant(String number) {
        return "('" + PREFIX + "000' || (" + number + ") || '-0000-4000-8000-000000000000')::uuid";
    }

    private static String user(String number) {
        return "('" + PREFIX + "000' || (" + number + ") || '-0000-4000-8000-0000000000a1')::uuid";
    }
}
