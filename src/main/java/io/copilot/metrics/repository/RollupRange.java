package io.copilot.metrics.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A time range cut into the pieces copilot_internal.cost_rollups can answer exactly: whole
 * UTC months, then whole days and hours at the ends, and the raw records of the partial hours
 * left over. At most one month piece and two of each other kind, so every range fits the same
 * prepared statement ({@link #SPEND}, 14 parameters: empty pieces are [epoch, epoch)).
 */
public final class RollupRange {

    enum Grain {
        MONTH, DAY, HOUR, RAW
    }

    record Piece(Grain grain, Instant from, Instant to) {
    }

    private static final Instant NONE = Instant.EPOCH;

    /** Slots of {@link #SPEND}, in parameter order. */
    private static final List<Grain> SLOTS = List.of(Grain.MONTH, Grain.DAY, Grain.DAY, Grain.HOUR, Grain.HOUR,
            Grain.RAW, Grain.RAW);

    /** Slots of {@link #HOURLY_SPEND}: time series cut buckets in any zone, so no coarser rollup fits. */
    private static final List<Grain> HOURLY_SLOTS = List.of(Grain.HOUR, Grain.RAW, Grain.RAW);

    /**
     * Every cost in the range as (tenant_id, cost_type, cost_count, cost_usd, first_at, last_at,
     * at) rows: one row per rollup bucket for the whole buckets, one per record for the edges.
     * Parameters $1 to $14.
     */
    public static final String SPEND = spendSql(SLOTS);

    /** The same from hourly rollups only; parameters $1 to $6. */
    public static final String HOURLY_SPEND = spendSql(HOURLY_SLOTS);

    private final List<Piece> pieces;
    private final List<Grain> slots;

    private RollupRange(List<Piece> pieces, List<Grain> slots) {
        this.pieces = pieces;
        this.slots = slots;
    }

    /** For {@link #SPEND}. */
    public static RollupRange of(TimeRange range) {
        List<Piece> pieces = new ArrayList<>();
        split(range.from().toInstant(), range.to().toInstant(), Grain.MONTH, pieces);
        return new RollupRange(pieces, SLOTS);
    }

    /** For {@link #HOURLY_SPEND}. */
    public static RollupRange hourly(TimeRange range) {
        List<Piece> pieces = new ArrayList<>();
        split(range.from().toInstant(), range.to().toInstant(), Grain.HOUR, pieces);
        return new RollupRange(pieces, HOURLY_SLOTS);
    }

    /**
     * Whether hourly buckets can be regrouped exactly into buckets of this zone: true when every
     * UTC offset the zone uses within the range is a whole number of hours (not India's +05:30).
     */
    public static boolean alignsWithHours(ZoneId zone, TimeRange range) {
        ZoneRules rules = zone.getRules();
        Instant at = range.from().toInstant();
        Instant end = range.to().toInstant();
        while (at != null && at.isBefore(end)) {
            if (rules.getOffset(at).getTotalSeconds() % 3600 != 0) {
                return false;
            }
            ZoneOffsetTransition next = rules.nextTransition(at);
            at = next == null ? null : next.getInstant();
        }
        return true;
    }

    /** The parameters of the statement this range was cut for: from and to of each slot. */
    public List<Object> parameters() {
        List<Piece> unused = new ArrayList<>(pieces);
        List<Object> parameters = new ArrayList<>();
        for (Grain slot : slots) {
            Piece piece = unused.stream().filter(candidate -> candidate.grain() == slot).findFirst()
                    .orElse(new Piece(slot, NONE, NONE));
            unused.remove(piece);
            parameters.addAll(Arrays.asList(utc(piece.from()), utc(piece.to())));
        }
        if (!unused.isEmpty()) {
            throw new IllegalStateException("range cut into more pieces than the statement has slots: " + pieces);
        }
        return parameters;
    }

    List<Piece> pieces() {
        return List.copyOf(pieces);
    }

    private static void split(Instant from, Instant to, Grain grain, List<Piece> pieces) {
        if (!from.isBefore(to)) {
            return;
        }
        if (grain == Grain.RAW) {
            pieces.add(new Piece(Grain.RAW, from, to));
            return;
        }
        Grain finer = Grain.values()[grain.ordinal() + 1];
        Instant wholeFrom = ceil(from, grain);
        Instant wholeTo = floor(to, grain);
        if (wholeFrom.isBefore(wholeTo)) {
            pieces.add(new Piece(grain, wholeFrom, wholeTo));
            split(from, wholeFrom, finer, pieces);
            split(wholeTo, to, finer, pieces);
        } else {
            split(from, to, finer, pieces);
        }
    }

    static Instant floor(Instant instant, Grain grain) {
        OffsetDateTime utc = instant.atOffset(ZoneOffset.UTC);
        return switch (grain) {
            case MONTH -> utc.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant();
            case DAY -> utc.truncatedTo(ChronoUnit.DAYS).toInstant();
            case HOUR -> utc.truncatedTo(ChronoUnit.HOURS).toInstant();
            case RAW -> instant;
        };
    }

    static Instant ceil(Instant instant, Grain grain) {
        Instant floor = floor(instant, grain);
        if (floor.equals(instant)) {
            return instant;
        }
        OffsetDateTime utc = floor.atOffset(ZoneOffset.UTC);
        return switch (grain) {
            case MONTH -> utc.plusMonths(1).toInstant();
            case DAY -> utc.plusDays(1).toInstant();
            case HOUR -> utc.plusHours(1).toInstant();
            case RAW -> instant;
        };
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String spendSql(List<Grain> slots) {
        List<String> branches = new ArrayList<>();
        int parameter = 1;
        for (Grain slot : slots) {
            String range = " >= $" + parameter + " AND %s < $" + (parameter + 1);
            if (slot == Grain.RAW) {
                branches.add("SELECT c.tenant_id, c.cost_type, 1::bigint AS cost_count, c.cost_usd, "
                        + "c.occurred_at AS first_at, c.occurred_at AS last_at, c.occurred_at AS at "
                        + "FROM metrics.all_costs c WHERE c.occurred_at" + range.formatted("c.occurred_at"));
            } else {
                branches.add("SELECT r.tenant_id, r.cost_type, r.cost_count, r.cost_usd, r.first_at, r.last_at, "
                        + "r.bucket AS at FROM copilot_internal.cost_rollups r WHERE r.grain = '"
                        + slot.name().toLowerCase() + "' AND r.bucket" + range.formatted("r.bucket"));
            }
            parameter += 2;
        }
        return String.join("\nUNION ALL\n", branches);
    }
}
