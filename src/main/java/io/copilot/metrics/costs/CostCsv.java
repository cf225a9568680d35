package io.copilot.metrics.costs;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Row;

/**
 * One metrics.all_costs row as a line of RFC 4180 CSV (comma separated, CRLF ended, a field
 * quoted when it holds a comma, quote or line break). Amounts are written exactly as PostgreSQL
 * holds them; instants in UTC ISO-8601. Text a spreadsheet would run as a formula (starting
 * with = + - @ or a tab) is prefixed with an apostrophe (OWASP's CSV injection advice).
 */
final class CostCsv {

    static final String HEADER = "id,cost_type,tenant_id,user_id,conversation_id,provider,model,task_type,"
            + "input_tokens,output_tokens,cached_input_tokens,cache_write_tokens,reasoning_tokens,execution_seconds,"
            + "cost_usd,occurred_at,request_id,trace_id\r\n";

    private CostCsv() {
    }

    static void append(StringBuilder line, Row row) {
        id(line, row.getUUID("id"));
        text(line, row.getString("cost_type"));
        id(line, row.getUUID("tenant_id"));
        id(line, row.getUUID("user_id"));
        id(line, row.getUUID("conversation_id"));
        text(line, row.getString("provider"));
        text(line, row.getString("model"));
        text(line, row.getString("task_type"));
        number(line, row.getLong("input_tokens"));
        number(line, row.getLong("output_tokens"));
        number(line, row.getLong("cached_input_tokens"));
        number(line, row.getLong("cache_write_tokens"));
        number(line, row.getLong("reasoning_tokens"));
        amount(line, row.getBigDecimal("execution_seconds"));
        amount(line, row.getBigDecimal("cost_usd"));
        instant(line, row.getOffsetDateTime("occurred_at"));
        text(line, row.getString("request_id"));
        text(line, row.getString("trace_id"));
        line.setCharAt(line.length() - 1, '\r');
        line.append('\n');
    }

    private static void id(StringBuilder line, UUID value) {
        line.append(value == null ? "" : value.toString()).append(',');
    }

    private static void number(StringBuilder line, Long value) {
        line.append(value == null ? "" : value.toString()).append(',');
    }

    private static void amount(StringBuilder line, BigDecimal value) {
        line.append(value == null ? "" : value.toPlainString()).append(',');
    }

    private static void instant(StringBuilder line, OffsetDateTime value) {
        line.append(value == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value.withOffsetSameInstant(
                ZoneOffset.UTC))).append(',');
    }

    static void text(StringBuilder line, String value) {
        if (value != null && !value.isEmpty()) {
            boolean formula = "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
            boolean quoted = formula || value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                    || value.indexOf('\r') >= 0;
            if (quoted) {
                line.append('"').append(formula ? "'" : "").append(value.replace("\"", "\"\"")).append('"');
            } else {
                line.append(value);
            }
        }
        line.append(',');
    }
}
