package io.copilot.metrics.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.OwnerDatabase;
import io.quarkus.test.junit.QuarkusTest;

/** The seed 003 verification values, and effective-dated, cache-aware pricing. */
@QuarkusTest
class PricingFunctionsTest {

    @Test
    void gpt4CostsMatchTheSeedVerificationValues() throws SQLException {
        try (Connection connection = OwnerDatabase.connect();
                ResultSet rs = query(connection,
                        "SELECT * FROM copilot_internal.calculate_llm_cost('openai', 'gpt-4', 1000, 500)")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBigDecimal("input_cost_usd")).isEqualByComparingTo("0.030");
            assertThat(rs.getBigDecimal("output_cost_usd")).isEqualByComparingTo("0.030");
            assertThat(rs.getBigDecimal("total_cost_usd")).isEqualByComparingTo("0.060");
            assertThat(rs.getBoolean("pricing_found")).isTrue();
        }
    }

    @Test
    void standardSandboxCostsMatchTheSeedVerificationValues() throws SQLException {
        try (Connection connection = OwnerDatabase.connect();
                ResultSet rs = query(connection, "SELECT * FROM copilot_internal.calculate_e2b_cost("
                        + "'standard', 'us-east-1', 300, NULL, NULL, NULL, now())")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBigDecimal("execution_cost_usd")).isEqualByComparingTo("0.030");
            assertThat(rs.getBigDecimal("resource_cost_usd")).isEqualByComparingTo("0");
            assertThat(rs.getBigDecimal("total_cost_usd")).isEqualByComparingTo("0.030");
            assertThat(rs.getBoolean("is_estimated")).isFalse();
        }
    }

    @Test
    void seededPricesCoverTwentySevenModelsAndFourSandboxTiers() throws SQLException {
        try (Connection connection = OwnerDatabase.connect()) {
            Map<String, Integer> modelsPerProvider = new LinkedHashMap<>();
            try (ResultSet rs = query(connection, "SELECT provider, count(DISTINCT model) FROM "
                    + "copilot_internal.model_pricing GROUP BY provider ORDER BY provider")) {
                while (rs.next()) {
                    modelsPerProvider.put(rs.getString(1), rs.getInt(2));
                }
            }
            assertThat(modelsPerProvider).containsEntry("openai", 13).containsEntry("anthropic", 6)
                    .containsEntry("google", 4).containsEntry("groq", 4);
            assertThat(modelsPerProvider.values().stream().mapToInt(Integer::intValue).sum())
                    .isGreaterThanOrEqualTo(27);
            try (ResultSet rs = query(connection, "SELECT array_agg(DISTINCT tier ORDER BY tier)::text "
                    + "FROM copilot_internal.e2b_pricing WHERE effective_date <= now()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("{gpu,high-cpu,high-memory,standard}");
            }
        }
    }

    @Test
    void cachedInputTokensAreBilledAtTheCachedPrice() throws SQLException {
        // gpt-4o: input 2.50, cached input 1.25, output 10.00 per million tokens.
        try (Connection connection = OwnerDatabase.connect();
                ResultSet rs = query(connection,
                        "SELECT * FROM copilot_internal.calculate_llm_cost('openai', 'gpt-4o', 1000000, 0, 400000)")) {
            rs.next();
            assertThat(rs.getBigDecimal("input_cost_usd")).isEqualByComparingTo("2.00"); // 0.6M*2.5 + 0.4M*1.25
            assertThat(rs.getBigDecimal("total_cost_usd")).isEqualByComparingTo("2.00");
        }
        // claude-3-5-sonnet: input 3.00, cache read 0.30, cache write 3.75, output 15.00.
        try (Connection connection = OwnerDatabase.connect();
                ResultSet rs = query(connection, "SELECT * FROM copilot_internal.calculate_llm_cost("
                        + "'anthropic', 'claude-3-5-sonnet-20241022', 1000000, 1000000, 500000, 200000, 0)")) {
            rs.next();
            // 0.3M*3 + 0.5M*0.30 + 0.2M*3.75 = 0.9 + 0.15 + 0.75
            assertThat(rs.getBigDecimal("input_cost_usd")).isEqualByComparingTo("1.80");
            assertThat(rs.getBigDecimal("output_cost_usd")).isEqualByComparingTo("15.00");
        }
    }

    @Test
    void unknownModelIsReportedNotPriced() throws SQLException {
        try (Connection connection = OwnerDatabase.connect();
                ResultSet rs = query(connection,
                        "SELECT * FROM copilot_internal.calculate_llm_cost('openai', 'gpt-unknown', 1000, 500)")) {
            rs.next();
            assertThat(rs.getBoolean("pricing_found")).isFalse();
            assertThat(rs.getBigDecimal("total_cost_usd")).isEqualByComparingTo(BigDecimal.ZERO);
        }
    }

    @Test
    void inconsistentTokenCountsAreRejected() throws SQLException {
        try (Connection connection = OwnerDatabase.connect()) {
            assertThatThrownBy(() -> query(connection,
                    "SELECT * FROM copilot_internal.calculate_llm_cost('openai', 'gpt-4o', 100, 0, 101)"))
                    .isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22023");
        }
    }

    @Test
    void aPriceChangeIsANewRowAndOldInstantsKeepTheOldPrice() throws SQLException {
        OwnerDatabase.inRolledBackTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO copilot_internal.model_pricing (provider, model, "
                        + "input_price_per_million, output_price_per_million, effective_date) "
                        + "VALUES ('openai', 'gpt-4', 20.00, 40.00, '2030-01-01T00:00:00Z')");
            }
            assertThat(totalAt(connection, "2029-12-31T23:59:59Z")).isEqualByComparingTo("0.060");
            assertThat(totalAt(connection, "2030-01-01T00:00:00Z")).isEqualByComparingTo("0.040");

            assertThatThrownBy(() -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("UPDATE copilot_internal.model_pricing SET input_price_per_million = 1 "
                            + "WHERE provider = 'openai' AND model = 'gpt-4'");
                }
            }).isInstanceOf(SQLException.class).hasMessageContaining("effective-dated");
        });
    }

    private static BigDecimal totalAt(Connection connection, String instant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT total_cost_usd FROM "
                + "copilot_internal.calculate_llm_cost('openai', 'gpt-4', 1000, 500, 0, 0, 0, ?::timestamptz)")) {
            statement.setString(1, instant);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }

    private static ResultSet query(Connection connection, String sql) throws SQLException {
        return connection.createStatement().executeQuery(sql);
    }
}
