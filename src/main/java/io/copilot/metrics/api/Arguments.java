package io.copilot.metrics.api;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.config.ApiConfig;

/**
 * Checks the API's arguments before any database work; every refusal is a BAD_USER_INPUT
 * naming the argument and the rule. The bounds come from {@link ApiConfig}, so what the
 * README states and what is enforced are one setting.
 */
@ApplicationScoped
public class Arguments {

    /** Region ids only: PostgreSQL reads offsets such as "+05:00" or "UTC+05:30" as POSIX, with the sign flipped. */
    private static final Set<String> IANA_ZONES = ZoneId.getAvailableZoneIds();

    private final ApiConfig api;

    public Arguments(ApiConfig api) {
        this.api = api;
    }

    /** [from, to); "to" defaults to now, "from" to the configured number of days before "to". */
    public TimeRange range(OffsetDateTime from, OffsetDateTime to) throws BadUserInputException {
        OffsetDateTime end = to != null ? instant(to, "to") : OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime start = from != null ? instant(from, "from") : end.minusDays(api.defaultRangeDays());
        return checkedRange(start, end);
    }

    /** An instant within the accepted bounds; now when not given. */
    public OffsetDateTime instantOrNow(OffsetDateTime value, String argument) throws BadUserInputException {
        return value != null ? instant(value, argument) : OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Both bounds optional (open-ended lists); when both are given, from must be before to. */
    public void optionalRange(OffsetDateTime from, OffsetDateTime to, String argument) throws BadUserInputException {
        if (from != null) {
            instant(from, argument + ".from");
        }
        if (to != null) {
            instant(to, argument + ".to");
        }
        if (from != null && to != null) {
            checkedRange(from, to);
        }
    }

    /** A range cut into buckets of about {@code bucket} each, at most the configured number of them. */
    public TimeRange seriesRange(OffsetDateTime from, OffsetDateTime to, Duration bucket, String granularity)
            throws BadUserInputException {
        TimeRange range = range(from, to);
        long buckets = Duration.between(range.from(), range.to()).dividedBy(bucket) + 1;
        if (buckets > api.maxSeriesBuckets()) {
            throw new BadUserInputException("'from' to 'to' spans about " + buckets + " " + granularity
                    + " buckets; at most " + api.maxSeriesBuckets()
                    + " are answered: shorten the range or choose a coarser granularity");
        }
        return range;
    }

    /** A page size: the configured default when not given, otherwise 1 to the configured maximum. */
    public int pageSize(Integer requested, String argument) throws BadUserInputException {
        return bounded(requested, api.defaultPageSize(), argument);
    }

    /** How many tenants a ranking shows: the configured default when not given, otherwise 1 to the maximum. */
    public int topLimit(Integer requested) throws BadUserInputException {
        return bounded(requested, api.defaultTopLimit(), "limit");
    }

    private int bounded(Integer requested, int absent, String argument) throws BadUserInputException {
        if (requested == null) {
            return absent;
        }
        if (requested < 1 || requested > api.maxPageSize()) {
            throw new BadUserInputException("'" + argument + "' must be between 1 and " + api.maxPageSize()
                    + ", got " + requested);
        }
        return requested;
    }

    /** Free text (a provider or model name): no control characters, at most the configured length. */
    public String optionalText(String value, String argument) throws BadUserInputException {
        if (value == null) {
            return null;
        }
        if (value.length() > api.maxStringLength()) {
            throw new BadUserInputException("'" + argument + "' must be at most " + api.maxStringLength()
                    + " characters, got " + value.length());
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new BadUserInputException("'" + argument + "' must not contain control characters such as NUL");
        }
        return value;
    }

    public UUID optionalUuid(String value, String argument) throws BadUserInputException {
        if (value == null) {
            return null;
        }
        try {
            UUID parsed = UUID.fromString(value);
            if (parsed.toString().equalsIgnoreCase(value)) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new BadUserInputException("'" + argument + "' must be a UUID, got '" + Echo.of(value) + "'");
    }

    public ZoneId timeZone(String value) throws BadUserInputException {
        if (value == null) {
            return ZoneOffset.UTC;
        }
        if (!IANA_ZONES.contains(value)) {
            throw new BadUserInputException("'timeZone' must be an IANA time zone name such as Europe/Berlin or UTC "
                    + "(offsets such as +05:00 are not accepted), got '" + Echo.of(value) + "'");
        }
        return ZoneId.of(value);
    }

    private OffsetDateTime instant(OffsetDateTime value, String argument) throws BadUserInputException {
        Instant at = value.toInstant();
        if (at.isBefore(api.earliestInstant()) || at.isAfter(api.latestInstant())) {
            throw new BadUserInputException("'" + argument + "' must be from " + api.earliestInstant() + " to "
                    + api.latestInstant() + ", got " + Echo.of(value.toString()));
        }
        return value;
    }

    private static TimeRange checkedRange(OffsetDateTime from, OffsetDateTime to) throws BadUserInputException {
        if (!from.isBefore(to)) {
            throw new BadUserInputException("'from' (" + from + ") must be before 'to' (" + to + ")");
        }
        return new TimeRange(from, to);
    }
}
