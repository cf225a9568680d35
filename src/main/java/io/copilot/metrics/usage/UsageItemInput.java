package io.copilot.metrics.usage;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("UsageItemInput")
@Description("One item of a recordUsage batch: exactly one of llm and sandbox.")
public record UsageItemInput(LlmUsageInput llm, SandboxRunInput sandbox) {
}
