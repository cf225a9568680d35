package io.copilot.metrics.testsupport;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant of its own for a test that spends: created committed (the service writes through its
 * own connections) with the monthly quotas every new tenant gets, and read back as the owner.
 */
public record UsageTenant(UUID id, UUID user) {

    /** A new active team tenant (quotas llm 500, e2b 100 this month) with one member. */
    public static UsageTenant create() throws SQLException {
        UsageTenant tenant = new UsageTenant(UUID.randomUUID(), UUID.randomUUID());
        try (Connection connection = OwnerDatabase.connect();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO copilot_internal.tenants (id, slug, name, plan) VALUES (?, ?, 'Usage test', 'team')")) {
            insert.setObject(1, tenant.id);
            insert.setString(2, "usage-" + tenant.id);
            insert.execute();
        }
        return tenant;
    }

    public String tenantId() {
        return id.toString();
    }

    public String userId() {
        return user.toString();
    }

    /** The tenant's own token, as a user of it (a dashboard's). */
    public String userToken() {
        return Tokens.forUser(user, id);
    }

    public void setLimit(String resourceType, String limitUsd) throws SQLException {
        update("UPDATE copilot_internal.cost_quotas SET limit_usd = ?::numeric WHERE tenant_id = ? AND resource_type = ?",
                limitUsd, id, resourceType);
    }

    public void setStatus(String status) throws SQLException {
        update("UPDATE copilot_internal.tenants SET status = ? WHERE id = ?", status, id);
    }

    /** This month's tenant quota of the resource: spend and reserved. */
    public Map<String, BigDecimal> quota(String resourceType) throws SQLException {
        try (Connection connection = OwnerDatabase.connect();
                PreparedStatement query = connection.prepareStatement("""
                        SELECT current_spend_usd, reserved_usd, limit_usd FROM copilot_internal.cost_quotas
                        WHERE tenant_id = ? AND scope = 'tenant' AND resource_type = ? AND now() >= period_start
                          AND now() < period_end""")) {
            query.setObject(1, id);
            query.setString(2, resourceType);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                Map<String, BigDecimal> quota = new HashMap<>();
                quota.put("spent", rs.getBigDecimal(1));
                quota.put("reserved", rs.getBigDecimal(2));
                quota.put("limit", rs.getBigDecimal(3));
                return quota;
            }
        }
    }

    /** Rows of a copilot_internal table that belong to this tenant. */
    public long rows(String table) throws SQLException {
        try (Connection connection = OwnerDatabase.connect()) {
            return OwnerDatabase.count(connection, "SELECT count(*) FROM copilot_internal." + table
                    + " WHERE tenant_id = ?", id);
        }
    }

    /** A price row of a model only this test uses, effective from {@code effective}. */
    public static void price(String model, String inputPerMillion, String outputPerMillion, OffsetDateTime effective)
            throws SQLException {
        try (Connection connection = OwnerDatabase.connect();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO copilot_internal.model_pricing
                            (provider, model, input_price_per_million, output_price_per_million, effective_date)
                        VALUES ('openai', ?, ?::numeric, ?::numeric, ?)""")) {
            insert.setString(1, model);
            insert.setString(2, inputPerMillion);
            insert.setString(3, outputPerMillion);
            insert.setObject(4, effective.withOffsetSameInstant(ZoneOffset.UTC));
            insert.execute();
        }
    }

    static void update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = OwnerDatabase.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
