package io.copilot.metrics.api;

import java.io.IOException;
import java.util.Map;

import org.eclipse.microprofile.graphql.GraphQLException;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * The one table from a failed database call to the API's error code (after PostgREST's
 * mapSQLtoHTTP), applied at the API edge by {@link ApiEdgeInterceptor}. A failure the caller
 * can fix is named in plain words; a dependency that is down is UNAVAILABLE (retryable); the
 * rest is a bug, INTERNAL with a correlation id. No SQL, class name or stack frame is ever part
 * of a message.
 */
public final class DatabaseErrors {

    /** Raised by the quota functions when a reservation would take spending past a limit. */
    public static final String QUOTA_EXCEEDED_SQLSTATE = "CM001";
    /** Raised by the recording functions for a tenant that is not active. */
    static final String TENANT_MAY_NOT_RECORD_SQLSTATE = "CM002";
    /** Raised by the recording functions when an idempotency key already holds other usage. */
    static final String IDEMPOTENCY_CONFLICT_SQLSTATE = "CM003";

    public enum Code {
        BAD_USER_INPUT, FORBIDDEN, NOT_FOUND, CONFLICT, QUOTA_EXCEEDED, UNAVAILABLE, INTERNAL
    }

    /** Exact SQLSTATEs first; {@link #CLASSES} by their two-letter class (or longer prefix) after. */
    static final Map<String, Code> SQLSTATES = Map.ofEntries(
            Map.entry("22023", Code.BAD_USER_INPUT),   // invalid_parameter_value (our functions' argument checks)
            Map.entry("22P02", Code.BAD_USER_INPUT),   // invalid_text_representation
            Map.entry("22007", Code.BAD_USER_INPUT),   // invalid_datetime_format
            Map.entry("22008", Code.BAD_USER_INPUT),   // datetime_field_overflow
            Map.entry("22003", Code.BAD_USER_INPUT),   // numeric_value_out_of_range
            Map.entry("22001", Code.BAD_USER_INPUT),   // string_data_right_truncation
            Map.entry("22021", Code.BAD_USER_INPUT),   // character_not_in_repertoire (a NUL byte)
            Map.entry("22P05", Code.BAD_USER_INPUT),   // untranslatable_character
            Map.entry("23502", Code.BAD_USER_INPUT),   // not_null_violation
            Map.entry("23503", Code.BAD_USER_INPUT),   // foreign_key_violation: names something that does not exist
            Map.entry("23514", Code.BAD_USER_INPUT),   // check_violation
            Map.entry("23505", Code.CONFLICT),         // unique_violation
            Map.entry("42501", Code.FORBIDDEN),        // insufficient_privilege, row-level security included
            Map.entry("P0002", Code.NOT_FOUND),        // no_data_found
            Map.entry(QUOTA_EXCEEDED_SQLSTATE, Code.QUOTA_EXCEEDED),
            Map.entry(TENANT_MAY_NOT_RECORD_SQLSTATE, Code.FORBIDDEN),
            Map.entry(IDEMPOTENCY_CONFLICT_SQLSTATE, Code.CONFLICT),
            Map.entry("57014", Code.UNAVAILABLE),      // query_canceled: statement_timeout
            Map.entry("55P03", Code.UNAVAILABLE),      // lock_not_available: lock_timeout
            Map.entry("40001", Code.UNAVAILABLE),      // serialization_failure: retry
            Map.entry("40P01", Code.UNAVAILABLE));     // deadlock_detected: retry

    static final Map<String, Code> CLASSES = Map.of(
            "08", Code.UNAVAILABLE,                    // connection exception
            "53", Code.UNAVAILABLE,                    // insufficient resources (too many connections, ...)
            "57P", Code.UNAVAILABLE);                  // server shutting down, restarting, not yet accepting

    private DatabaseErrors() {
    }

    public static Code classify(Throwable failure) {
        if (failure instanceof PgException database) {
            return classify(database.getSqlState());
        }
        return isConnectionFailure(failure) ? Code.UNAVAILABLE : Code.INTERNAL;
    }

    /** The code of a SQLSTATE (as the recording functions answer per item of a batch). */
    public static Code classify(String state) {
        if (state == null) {
            return Code.INTERNAL;
        }
        Code exact = SQLSTATES.get(state);
        if (exact != null) {
            return exact;
        }
        return CLASSES.entrySet().stream().filter(entry -> state.startsWith(entry.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(Code.INTERNAL);
    }

    /** The API error for a failure; {@code correlationId} is used only for INTERNAL. */
    public static GraphQLException translate(Throwable failure, String correlationId) {
        Code code = classify(failure);
        String message = failure instanceof PgException database
                ? message(code, database.getSqlState(), database.getErrorMessage(), correlationId)
                : message(code, null, null, correlationId);
        return switch (code) {
            case BAD_USER_INPUT -> new BadUserInputException(message);
            case FORBIDDEN -> new ForbiddenException(message);
            case NOT_FOUND -> new NotFoundException(message);
            case CONFLICT -> new ConflictException(message);
            case QUOTA_EXCEEDED -> QuotaExceededException.of((PgException) failure);
            case UNAVAILABLE -> new UnavailableException(message);
            case INTERNAL -> new InternalException(correlationId);
        };
    }

    /**
     * What the caller is told: the database's own words where they describe the caller's input
     * (data exceptions and the messages our functions raise); otherwise the code's fixed words.
     * Constraint, table and column names of integrity violations stay inside.
     */
    public static String message(Code code, String state, String databaseMessage, String correlationId) {
        boolean describesInput = state != null && databaseMessage != null
                && (state.startsWith("22") || state.equals("P0002") || state.startsWith("CM"));
        if (describesInput) {
            return databaseMessage;
        }
        return switch (code) {
            case BAD_USER_INPUT -> "The input is not valid";
            case FORBIDDEN -> "Not permitted for this caller";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Conflicts with what is already recorded";
            case QUOTA_EXCEEDED -> "A quota would be exceeded";
            case UNAVAILABLE -> "The database is unavailable; retry later";
            case INTERNAL -> "Internal error; reference " + correlationId;
        };
    }

    /** Refused, cut or timed out (a connect, a statement, the wait for a pooled connection), or a full wait queue. */
    private static boolean isConnectionFailure(Throwable failure) {
        return Causes.any(failure, cause -> cause instanceof IOException || cause instanceof ClosedConnectionException
                || Causes.isTimeout(cause) || cause.getClass().getSimpleName().contains("TooBusy"));
    }
}
