package io.copilot.metrics.sessions;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.copilot.metrics.usage.UsageError;

@Description("The answer for one session of a batch, at its index: its id, or an error.")
public record SessionItemResult(@NonNull int index, String id,
        @Description("True when this report created the session") Boolean created,
        @Description("False when the report was older than the stored one and changed nothing") Boolean applied,
        UsageError error) {
}
