package io.copilot.metrics.tenancy;

import java.math.BigDecimal;
import java.util.UUID;

import io.copilot.metrics.api.Decimal;
import io.vertx.mutiny.sqlclient.Row;

/** Column readers shared by the row mappers. */
public final class Rows {

    private Rows() {
    }

    /** Money, exact and without the column's padding zeros (0.0600000000 becomes "0.06"). */
    public static Decimal money(Row row, String column) {
        return Decimal.of(row.getBigDecimal(column));
    }

    /** A non-money numeric (seconds, a percentage), exact and without padding zeros. */
    public static BigDecimal exact(Row row, String column) {
        Decimal value = money(row, column);
        return value == null ? null : value.value();
    }

    public static String id(Row row, String column) {
        UUID value = row.getUUID(column);
        return value == null ? null : value.toString();
    }

    public static long count(Row row, String column) {
        Long value = row.getLong(column);
        return value == null ? 0 : value;
    }

    /** A jsonb object as JSON text. */
    public static String json(Row row, String column) {
        io.vertx.core.json.JsonObject value = row.getJsonObject(column);
        return value == null ? null : value.encode();
    }
}
