package io.copilot.metrics.schema;

import static io.copilot.metrics.testsupport.FixtureTenant.ACME;
import static io.copilot.metrics.testsupport.FixtureTenant.GLOBEX;
import static io.copilot.metrics.testsupport.OwnerDatabase.actAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.FixtureTenant;
import io.copilot.metrics.testsupport.OwnerDatabase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Seed 001's helpers, public.get_tenant_cost_summary and public.check_quota_before_operation,
 * from the caller's side: each sees its own tenant only. And prices never change in place.
 */
@QuarkusTest
class SeedHelperFunctionsTest {

    @Test
    void aTenantsCostSummaryIsItsOwnAndNoOtherTenantsIsShown() throws SQLException {
        OwnerDatabase.inRolledBackTransaction(connection -> {
            OwnerDatabase.loadTenant(connection, ACME);
            OwnerDatabase.loadTenant(connection, GLOBEX);
            String expected = single(connection, "SELECT sum(c)::text FROM (SELECT total_cost_usd c FROM "
                    + "copilot_internal.llm_cost_records WHERE tenant_id = '" + ACME.id() + "' UNION ALL SELECT "
                    + "total_cost_usd FROM copilot_internal.e2b_cost_records WHERE tenant_id = '" + ACME.id() + "') s");

            actAs(connection, "authenticated", ACME.claims());
            assertThat(new BigDecimal(single(connection, "SELECT total_cost_usd::text FROM "
                    + "public.get_tenant_cost_summary('" + ACME.id() + "')"))).isEqualByComparingTo(expected)
                    .isPositive();
            assertThat(rows(connection, "SELECT * FROM public.get_tenant_cost_summary('" + GLOBEX.id() + "')"))
                    .as("another tenant's summary").isEmpty();

            actAs(connection, "analytics_reader", "{\"sub\":\"analyst\"}");
            assertThat(rows(connection, "SELECT * FROM public.get_tenant_cost_summary('" + GLOBEX.id() + "')"))
                    .hasSize(1);
        });
    }

    @Test
    void theQuotaPrecheckCountsSpendAndReservationsOfTheCallersQuotasOnly() throws SQLException {
        OwnerDatabase.inRolledBackTransaction(connection -> {
            OwnerDatabase.loadTenant(connection, ACME);
            OwnerDatabase.loadTenant(connection, GLOBEX);
            setLlmQuota(connection, ACME, "1", "0.4", "0.1");       // 0.5 left
            setLlmQuota(connection, GLOBEX, "1", "1", "0");         // nothing left
            String acmeQuota = single(connection, "SELECT id::text FROM copilot_internal.cost_quotas WHERE tenant_id = '"
                    + ACME.id() + "' AND resource_type = 'llm' AND period_end > now() AND period_start <= now()");

            actAs(connection, "authenticated", ACME.claims());
            assertThat(check(connection, "0.5")).containsExactly("true", "1", "0.5", null);
            assertThat(check(connection, "0.51")).containsExactly("false", "1", "0.5", acmeQuota);
            assertThat(single(connection, "SELECT count(*)::text FROM copilot_internal.cost_quotas WHERE "
                    + "reserved_usd <> 0.1 AND tenant_id = '" + ACME.id() + "' AND resource_type = 'llm' "
                    + "AND period_end > now()")).as("nothing reserved by a check").isEqualTo("0");

            actAs(connection, "authenticated", GLOBEX.claims());
            assertThat(check(connection, "0.01").get(0)).isEqualTo("false");

            assertThatThrownBy(() -> check(connection, "-1")).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22023");
        });
    }

    @Test
    void aPriceNeverChangesInPlaceEvenWithItsNotes() throws SQLException {
        OwnerDatabase.inRolledBackTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                // a note alone may be corrected
                statement.execute("UPDATE copilot_internal.model_pricing SET notes = 'corrected note' "
                        + "WHERE provider = 'openai' AND model = 'gpt-4'");
            }
            for (String change : List.of(
                    "UPDATE copilot_internal.model_pricing SET input_price_per_million = 1, notes = 'cheaper' "
                            + "WHERE provider = 'openai' AND model = 'gpt-4'",
                    "UPDATE copilot_internal.e2b_pricing SET notes = 'cheaper', effective_date = effective_date "
                            + "- interval '1 day' WHERE tier = 'standard'")) {
                assertThatThrownBy(() -> {
                    try (Statement savepoint = connection.createStatement()) {
                        savepoint.execute("SAVEPOINT price_change");
                        try {
                            savepoint.execute(change);
                        } finally {
                            savepoint.execute("ROLLBACK TO SAVEPOINT price_change");
                        }
                    }
                }).as(change).isInstanceOf(SQLException.class).hasMessageContaining("effective-dated");
            }
        });
    }

    private static void setLlmQuota(Connection connection, FixtureTenant tenant, String limit, String spent,
            String reserved) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("UPDATE copilot_internal.cost_quotas SET limit_usd = " + limit + ", current_spend_usd = "
                    + spent + ", reserved_usd = " + reserved + " WHERE tenant_id = '" + tenant.id()
                    + "' AND resource_type = 'llm' AND period_end > now() AND period_start <= now()");
        }
    }

    private static List<String> check(Connection connection, String amount) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT allowed::text, quotas_checked::text, trim_scale(remaining_usd)::text, denied_quota_id::text "
                        + "FROM public.check_quota_before_operation('llm', ?::numeric)")) {
            statement.setString(1, amount);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= 4; i++) {
                    row.add(rs.getString(i));
                }
                return row;
            }
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
