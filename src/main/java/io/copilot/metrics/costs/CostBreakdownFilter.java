package io.copilot.metrics.costs;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

import io.copilot.metrics.usage.MetadataEntry;

@Input("CostBreakdownFilter")
@Description("Narrows costBreakdown; every field is optional and all given ones must match.")
public record CostBreakdownFilter(
        CostType costType,
        String provider,
        @Description("A model, or for sandbox runs a tier") String model,
        @Description("A user id (UUID)") String userId,
        @Description("A conversation id (UUID)") String conversationId,
        @Description("LLM calls of this task type") String taskType,
        @Description("Sandbox runs of this tier") String sandboxTier,
        @Description("Costs recorded with all of these metadata tags") List<MetadataEntry> tags) {

    static final CostBreakdownFilter NONE = new CostBreakdownFilter(null, null, null, null, null, null, null, null);
}
