package io.copilot.metrics.tenancy;

import java.math.BigDecimal;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Row;

/** Column readers shared by the row mappers. */
public final class Rows {

    private Rows() {
    }

    /** Money without the column's padding zeros (0.0600000000 becomes 0.06); exact, never floating point. */
    public static BigDecimal money(Row row, String column) {
        BigDecimal value = row.getBigDecimal(column);
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public static String id(Row row, String column) {
        UUID value = row.getUUID(column);
        return value == null ? null : value.toString();
    }

    public static long count(Row row, String column) {
        Long value = row.getLong(column);
        return value == null ? 0 : value;
    }
}
