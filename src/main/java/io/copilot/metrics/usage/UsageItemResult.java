package io.copilot.metrics.usage;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("The answer for one item of a batch, at its index: a receipt or an error.")
public record UsageItemResult(@NonNull int index, UsageReceipt receipt, UsageError error) {
}
