package io.copilot.metrics.events;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.copilot.metrics.usage.UsageError;

@Description("The answer for one event of a batch, at its index: its id (and whether it was already recorded), or "
        + "an error.")
public record EventItemResult(@NonNull int index, @Description("This service's id of the event") String id,
        @Description("True when the same event was already recorded: nothing was written again") Boolean replayed,
        UsageError error) {
}
