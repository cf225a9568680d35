package io.copilot.metrics.usage;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("SandboxRunInput")
@Description("An E2B sandbox run that ended, with what it used.")
public record SandboxRunInput(
        @NonNull @Description("Unique per tenant for this run, e.g. the sandbox id: a replay answers the first "
                + "receipt and records nothing again") String idempotencyKey,
        @NonNull @Id String tenantId,
        @Id String userId,
        @Id String conversationId,
        @NonNull String sandboxId,
        String templateId,
        @NonNull @Description("standard, high-cpu, high-memory or gpu") String tier,
        @NonNull String region,
        @NonNull @Description("Seconds the sandbox ran, at most millisecond precision") BigDecimal executionSeconds,
        BigDecimal cpuCoreSeconds,
        BigDecimal memoryGbSeconds,
        BigDecimal diskIoGb,
        OffsetDateTime startedAt,
        @NonNull @Description("When the run ended: priced at the price in force then") OffsetDateTime occurredAt,
        @Id @Description("The reservation's estimate: linked, and its reservation released") String estimateId,
        String traceId,
        List<MetadataEntry> metadata) {
}
