package io.copilot.metrics.service;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.config.ApiConfig;
import io.copilot.metrics.errors.BadUserInputException;
import io.copilot.metrics.repository.CostCursor;
import io.copilot.metrics.repository.TimeRange;

/** Checks the API's arguments; every refusal is a BAD_USER_INPUT naming the argument. */
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
        if (!start.isBefore(end)) {
            throw new BadUserInputException("'from' (" + start + ") must be before 'to' (" + end + ")");
        }
        return new TimeRange(start, end);
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

    public CostCursor cursor(String after) throws BadUserInputException {
        if (after == null) {
            return null;
        }
        return CostCursor.decode(after)
                .orElseThrow(() -> new BadUserInputException("'after' is not a cursor returned by allCosts"));
    }
}
