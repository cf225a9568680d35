package io.copilot.metrics.usage;

import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.jboss.logging.Logger;

import io.copilot.metrics.api.DatabaseErrors;

@Description("Why one item of a batch was not recorded; nothing of it was written.")
public record UsageError(
        @NonNull @Description("BAD_USER_INPUT, NOT_FOUND, FORBIDDEN, CONFLICT, UNAVAILABLE (retry) or INTERNAL") String code,
        @NonNull String message) {

    private static final Logger LOG = Logger.getLogger(UsageError.class);

    /** The item's failure as the database answered it, coded as the API's errors are; INTERNAL ones logged with a reference. */
    public static UsageError of(String sqlState, String message) {
        DatabaseErrors.Code code = DatabaseErrors.classify(sqlState);
        String correlationId = UUID.randomUUID().toString();
        if (code == DatabaseErrors.Code.INTERNAL) {
            LOG.errorf("Recording an item failed [correlation id %s]: SQLSTATE %s %s", correlationId, sqlState,
                    message);
        }
        return new UsageError(code.name(), DatabaseErrors.message(code, sqlState, message, correlationId));
    }
}
