package io.copilot.metrics.usage;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Why one item of a batch was not recorded; nothing of it was written.")
public record UsageError(
        @NonNull @Description("BAD_USER_INPUT, NOT_FOUND, FORBIDDEN, CONFLICT, UNAVAILABLE (retry) or INTERNAL") String code,
        @NonNull String message) {
}
