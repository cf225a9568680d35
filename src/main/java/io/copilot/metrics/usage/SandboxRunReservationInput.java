package io.copilot.metrics.usage;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("SandboxRunReservationInput")
@Description("An E2B sandbox run about to start, with the seconds it is expected to take.")
public record SandboxRunReservationInput(
        @NonNull @Id String tenantId,
        @Id String userId,
        @Id String conversationId,
        @NonNull @Description("standard, high-cpu, high-memory or gpu") String tier,
        @NonNull String region,
        @NonNull BigDecimal executionSeconds) {
}
