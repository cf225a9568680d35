package io.copilot.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import org.eclipse.microprofile.graphql.GraphQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.copilot.metrics.api.DatabaseErrors.Code;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/** The SQLSTATE table, row by row, and what callers get to read. */
class DatabaseErrorsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "22023, BAD_USER_INPUT", "22P02, BAD_USER_INPUT", "22007, BAD_USER_INPUT", "22008, BAD_USER_INPUT",
            "22003, BAD_USER_INPUT", "22001, BAD_USER_INPUT", "22021, BAD_USER_INPUT", "22P05, BAD_USER_INPUT",
            "23502, BAD_USER_INPUT", "23503, BAD_USER_INPUT", "23514, BAD_USER_INPUT",
            "23505, CONFLICT",
            "42501, FORBIDDEN",
            "P0002, NOT_FOUND",
            "CM001, QUOTA_EXCEEDED",
            "57014, UNAVAILABLE", "55P03, UNAVAILABLE", "40001, UNAVAILABLE", "40P01, UNAVAILABLE",
            "08006, UNAVAILABLE", "08001, UNAVAILABLE", "53300, UNAVAILABLE", "57P01, UNAVAILABLE", "57P03, UNAVAILABLE",
            "42P01, INTERNAL", "42703, INTERNAL", "25006, INTERNAL", "XX000, INTERNAL", "57000, INTERNAL"})
    void sqlStateMapsToItsCode(String sqlState, Code code) {
        assertThat(DatabaseErrors.classify(database(sqlState, "message"))).isEqualTo(code);
    }

    @Test
    void connectionFailuresAreUnavailableWhereverTheyAreInTheCauseChain() {
        assertThat(DatabaseErrors.classify(new ConnectException("Connection refused"))).isEqualTo(Code.UNAVAILABLE);
        assertThat(DatabaseErrors.classify(ClosedConnectionException.INSTANCE)).isEqualTo(Code.UNAVAILABLE);
        assertThat(DatabaseErrors.classify(new NoStackTraceTimeoutException("Timeout"))).isEqualTo(Code.UNAVAILABLE);
        assertThat(DatabaseErrors.classify(new io.vertx.core.impl.NoStackTraceThrowable("Timeout")))
                .as("the pool's wait for a connection ran out").isEqualTo(Code.UNAVAILABLE);
        assertThat(DatabaseErrors.classify(new io.vertx.core.impl.NoStackTraceThrowable("something else")))
                .isEqualTo(Code.INTERNAL);
        assertThat(DatabaseErrors.classify(new CompletionException(new ConnectException("refused"))))
                .isEqualTo(Code.UNAVAILABLE);
    }

    @Test
    void anythingElseIsABug() {
        assertThat(DatabaseErrors.classify(new IllegalStateException("oops"))).isEqualTo(Code.INTERNAL);
        assertThat(DatabaseErrors.classify(new NullPointerException())).isEqualTo(Code.INTERNAL);
    }

    @Test
    void inputErrorsKeepTheDatabasesWordsIntegrityErrorsDoNot() {
        GraphQLException badInput = DatabaseErrors.translate(
                database("22023", "token counts must not be negative"), "unused");
        assertThat(badInput).isInstanceOf(BadUserInputException.class)
                .hasMessage("token counts must not be negative");

        GraphQLException conflict = DatabaseErrors.translate(database("23505",
                "duplicate key value violates unique constraint \"llm_cost_records_pkey\""), "unused");
        assertThat(conflict).isInstanceOf(ConflictException.class);
        assertThat(conflict.getMessage()).doesNotContain("llm_cost_records").doesNotContain("constraint");

        GraphQLException forbidden = DatabaseErrors.translate(database("42501",
                "new row violates row-level security policy for table \"conversations\""), "unused");
        assertThat(forbidden).isInstanceOf(ForbiddenException.class);
        assertThat(forbidden.getMessage()).doesNotContain("conversations");
    }

    @Test
    void bugsCarryOnlyTheCorrelationId() {
        GraphQLException internal = DatabaseErrors.translate(
                database("42P01", "relation \"copilot_internal.secret\" does not exist"), "ref-123");
        assertThat(internal).isInstanceOf(InternalException.class).hasMessage("Internal error; reference ref-123");
    }

    @Test
    void outagesAreRetryableWithoutDetail() {
        GraphQLException unavailable = DatabaseErrors.translate(new ConnectException("127.0.0.1:5432"), "unused");
        assertThat(unavailable).isInstanceOf(UnavailableException.class);
        assertThat(unavailable.getMessage()).doesNotContain("5432");
    }

    private static PgException database(String sqlState, String message) {
        return new PgException(message, "ERROR", sqlState, null);
    }
}
