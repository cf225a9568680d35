package io.copilot.metrics.costs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.copilot.metrics.api.BadUserInputException;
import io.copilot.metrics.api.Cursor;

/**
 * Position in allCosts' order (occurred_at, id). Microsecond precision, as PostgreSQL stores
 * it, so no row is skipped or repeated between pages.
 */
public record CostCursor(OffsetDateTime occurredAt, UUID id) {

    static CostCursor of(CostRecord row) {
        return new CostCursor(row.occurredAt(), UUID.fromString(row.id()));
    }

    public String encode(Cursor codec) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt.toInstant());
        return codec.encode(List.of(Long.toString(micros), id.toString()));
    }

    /** The cursor in {@code after}, or null when absent; BAD_USER_INPUT when it is not one of allCosts'. */
    public static CostCursor parse(String after, Cursor codec) throws BadUserInputException {
        return parse(after, codec, "allCosts");
    }

    /**
     * The same for another list ordered by a time and an id (events, sessions); {@code list}
     * names it in the refusal.
     */
    public static CostCursor parse(String after, Cursor codec, String list) throws BadUserInputException {
        if (after == null) {
            return null;
        }
        try {
            List<String> keys = codec.decode(after, 2).orElseThrow(IllegalArgumentException::new);
            OffsetDateTime at = Instant.EPOCH.plus(Long.parseLong(keys.get(0)), ChronoUnit.MICROS)
                    .atOffset(ZoneOffset.UTC);
            UUID id = UUID.fromString(keys.get(1));
            if (!id.toString().equals(keys.get(1))) {
                throw new IllegalArgumentException("not the canonical form this service writes");
            }
            return new CostCursor(at, id);
        } catch (RuntimeException e) {
            throw new BadUserInputException("'after' is not a cursor returned by " + list);
        }
    }
}
