package io.copilot.metrics.api;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.config.ApiConfig;

/**
 * Checks the API's arguments before any database work; every refusal is a BAD_USER_INPUT
 * naming the argument.
 */
@ApplicationScoped
public class Arguments {

    private final ApiConfig api;

    public Arguments(ApiConfig api) {
        this.api = api;
    }

    /** [from, to); "to" defaults to now, "from" to the configured number of days before "to". */
    public TimeRange range(OffsetDateTime from, OffsetDateTime to) throws BadUserInputException {
        OffsetDateTime end = to != null ? to : OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime start = from != null ? from : end.minusDays(api.defaultRangeDays());
        return checkedRange(start, end);
    }

    /** Both bounds optional (open-ended lists); when both are given, from must be before to. */
    public void optionalRange(OffsetDateTime from, OffsetDateTime to) throws BadUserInputException {
        if (from != null && to != null) {
            checkedRange(from, to);
        }
    }

    /** A page size or limit: the default when absent, otherwise 1 to the configured maximum. */
    public int pageSize(Integer requested, String argument) throws BadUserInputException {
        if (requested == null) {
            return api.defaultPageSize();
        }
        if (requested < 1 || requested > api.maxPageSize()) {
            throw new BadUserInputException("'" + argument + "' must be between 1 and " + api.maxPageSize()
                    + ", got " + requested);
        }
        return requested;
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
        throw new BadUserInputException("'" + argument + "' must be a UUID, got '" + value + "'");
    }

    public ZoneId timeZone(String value) throws BadUserInputException {
        if (value == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new BadUserInputException("'timeZone' must be an IANA time zone such as Europe/Berlin, got '"
                    + value + "'");
        }
    }

    private static TimeRange checkedRange(OffsetDateTime from, OffsetDateTime to) throws BadUserInputException {
        if (!from.isBefore(to)) {
            throw new BadUserInputException("'from' (" + from + ") must be before 'to' (" + to + ")");
        }
        return new TimeRange(from, to);
    }
}
