package io.copilot.metrics.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.api.Arguments;
import io.copilot.metrics.api.BadUserInputException;
import io.copilot.metrics.config.UsageConfig;
import io.vertx.core.json.JsonObject;

/**
 * Checks usage before any database work and writes it as the JSON item the write API takes
 * (schema usage). What only the database can judge (prices, consistent token counts, that the
 * tenant, conversation and estimate exist) it judges there, with the same error codes.
 */
@ApplicationScoped
public class UsageArguments {

    private static final int MAX_METADATA_TEXT = 256;

    private final Arguments arguments;
    private final UsageConfig usage;

    public UsageArguments(Arguments arguments, UsageConfig usage) {
        this.arguments = arguments;
        this.usage = usage;
    }

    public JsonObject reservation(LlmUsageReservationInput input, String name) throws BadUserInputException {
        JsonObject item = attribution("llm", input.tenantId(), input.userId(), input.conversationId(), name);
        item.put("taskType", arguments.optionalText(input.taskType(), name + ".taskType"));
        item.put("provider", required(input.provider(), name + ".provider"));
        item.put("model", required(input.model(), name + ".model"));
        return tokens(item, input.inputTokens(), input.outputTokens(), input.cachedInputTokens(),
                input.cacheWriteTokens(), input.reasoningTokens(), name);
    }

    public JsonObject reservation(SandboxRunReservationInput input, String name) throws BadUserInputException {
        JsonObject item = attribution("e2b", input.tenantId(), input.userId(), input.conversationId(), name);
        item.put("tier", required(input.tier(), name + ".tier"));
        item.put("region", required(input.region(), name + ".region"));
        return item.put("executionSeconds", seconds(input.executionSeconds(), name + ".executionSeconds"));
    }

    public JsonObject usage(LlmUsageInput input, String name) throws BadUserInputException {
        JsonObject item = attribution("llm", input.tenantId(), input.userId(), input.conversationId(), name);
        item.put("idempotencyKey", required(input.idempotencyKey(), name + ".idempotencyKey"));
        item.put("taskType", arguments.optionalText(input.taskType(), name + ".taskType"));
        item.put("provider", required(input.provider(), name + ".provider"));
        item.put("model", required(input.model(), name + ".model"));
        tokens(item, input.inputTokens(), input.outputTokens(), input.cachedInputTokens(), input.cacheWriteTokens(),
                input.reasoningTokens(), name);
        item.put("occurredAt", occurredAt(input.occurredAt(), name + ".occurredAt").toString());
        item.put("estimateId", uuid(input.estimateId(), name + ".estimateId"));
        item.put("requestId", arguments.optionalText(input.requestId(), name + ".requestId"));
        item.put("traceId", arguments.optionalText(input.traceId(), name + ".traceId"));
        return item.put("metadata", metadata(input.metadata(), name + ".metadata"));
    }

    public JsonObject usage(SandboxRunInput input, String name) throws BadUserInputException {
        JsonObject item = attribution("e2b", input.tenantId(), input.userId(), input.conversationId(), name);
        item.put("idempotencyKey", required(input.idempotencyKey(), name + ".idempotencyKey"));
        item.put("sandboxId", required(input.sandboxId(), name + ".sandboxId"));
        item.put("templateId", arguments.optionalText(input.templateId(), name + ".templateId"));
        item.put("tier", required(input.tier(), name + ".tier"));
        item.put("region", required(input.region(), name + ".region"));
        item.put("executionSeconds", seconds(input.executionSeconds(), name + ".executionSeconds"));
        item.put("cpuCoreSeconds", optionalAmount(input.cpuCoreSeconds(), name + ".cpuCoreSeconds"));
        item.put("memoryGbSeconds", optionalAmount(input.memoryGbSeconds(), name + ".memoryGbSeconds"));
        item.put("diskIoGb", optionalAmount(input.diskIoGb(), name + ".diskIoGb"));
        OffsetDateTime ended = occurredAt(input.occurredAt(), name + ".occurredAt");
        if (input.startedAt() != null && input.startedAt().isAfter(ended)) {
            throw new BadUserInputException("'" + name + ".startedAt' must not be after '" + name + ".occurredAt'");
        }
        item.put("startedAt", input.startedAt() == null ? null : input.startedAt().toString());
        item.put("occurredAt", ended.toString());
        item.put("estimateId", uuid(input.estimateId(), name + ".estimateId"));
        item.put("traceId", arguments.optionalText(input.traceId(), name + ".traceId"));
        return item.put("metadata", metadata(input.metadata(), name + ".metadata"));
    }

    /** One item of a batch: exactly one of llm and sandbox. */
    public JsonObject usage(UsageItemInput input, String name) throws BadUserInputException {
        if ((input.llm() == null) == (input.sandbox() == null)) {
            throw new BadUserInputException("'" + name + "' must give exactly one of 'llm' and 'sandbox'");
        }
        return input.llm() != null ? usage(input.llm(), name + ".llm") : usage(input.sandbox(), name + ".sandbox");
    }

    public void batchSize(List<?> batch) throws BadUserInputException {
        if (batch.size() > usage.maxBatchSize()) {
            throw new BadUserInputException("'batch' may hold at most " + usage.maxBatchSize() + " items, got "
                    + batch.size());
        }
    }

    private JsonObject attribution(String kind, String tenantId, String userId, String conversationId, String name)
            throws BadUserInputException {
        return new JsonObject().put("kind", kind)
                .put("tenantId", uuid(required(tenantId, name + ".tenantId"), name + ".tenantId"))
                .put("userId", uuid(userId, name + ".userId"))
                .put("conversationId", uuid(conversationId, name + ".conversationId"));
    }

    private JsonObject tokens(JsonObject item, Integer input, Integer output, Integer cached, Integer cacheWrite,
            Integer reasoning, String name) throws BadUserInputException {
        return item.put("inputTokens", count(input, name + ".inputTokens", true))
                .put("outputTokens", count(output, name + ".outputTokens", true))
                .put("cachedInputTokens", count(cached, name + ".cachedInputTokens", false))
                .put("cacheWriteTokens", count(cacheWrite, name + ".cacheWriteTokens", false))
                .put("reasoningTokens", count(reasoning, name + ".reasoningTokens", false));
    }

    private static Integer count(Integer value, String argument, boolean needed) throws BadUserInputException {
        if (value == null) {
            if (needed) {
                throw new BadUserInputException("'" + argument + "' is required");
            }
            return 0;
        }
        if (value < 0) {
            throw new BadUserInputException("'" + argument + "' must not be negative, got " + value);
        }
        return value;
    }

    private static BigDecimal seconds(BigDecimal value, String argument) throws BadUserInputException {
        if (value == null) {
            throw new BadUserInputException("'" + argument + "' is required");
        }
        return optionalAmount(value, argument);
    }

    /** Non-negative, at most millisecond (0.001) precision as the records keep it, and below 10^11. */
    private static BigDecimal optionalAmount(BigDecimal value, String argument) throws BadUserInputException {
        if (value == null) {
            return null;
        }
        if (value.signum() < 0) {
            throw new BadUserInputException("'" + argument + "' must not be negative, got " + value.toPlainString());
        }
        if (value.stripTrailingZeros().scale() > 3 || value.compareTo(BigDecimal.valueOf(100_000_000_000L)) >= 0) {
            throw new BadUserInputException("'" + argument + "' must be below 10^11 with at most 3 decimals, got "
                    + value.toPlainString());
        }
        return value;
    }

    /** Not further ahead than the allowed clock skew, not older than the idempotency retention. */
    private OffsetDateTime occurredAt(OffsetDateTime value, String argument) throws BadUserInputException {
        if (value == null) {
            throw new BadUserInputException("'" + argument + "' is required");
        }
        Instant now = Instant.now();
        if (value.toInstant().isAfter(now.plus(usage.maxClockSkew()))) {
            throw new BadUserInputException("'" + argument + "' is more than " + usage.maxClockSkew().toSeconds()
                    + " s in the future: " + value);
        }
        if (value.toInstant().isBefore(now.minus(usage.idempotencyRetention()))) {
            throw new BadUserInputException("'" + argument + "' is older than the " + usage.idempotencyRetention()
                    .toDays() + " days within which usage may be recorded: " + value);
        }
        return value;
    }

    private String required(String value, String argument) throws BadUserInputException {
        if (value == null || value.isBlank()) {
            throw new BadUserInputException("'" + argument + "' is required and must not be blank");
        }
        return arguments.optionalText(value, argument);
    }

    private String uuid(String value, String argument) throws BadUserInputException {
        UUID parsed = arguments.optionalUuid(value, argument);
        return parsed == null ? null : parsed.toString();
    }

    private JsonObject metadata(List<MetadataEntry> entries, String argument) throws BadUserInputException {
        JsonObject metadata = new JsonObject();
        if (entries == null) {
            return metadata;
        }
        if (entries.size() > usage.maxMetadataEntries()) {
            throw new BadUserInputException("'" + argument + "' may hold at most " + usage.maxMetadataEntries()
                    + " entries, got " + entries.size());
        }
        for (MetadataEntry entry : entries) {
            if (entry == null) {
                throw new BadUserInputException("'" + argument + "' must not hold null entries");
            }
            String key = required(entry.key(), argument + ".key");
            if (key.length() > MAX_METADATA_TEXT || metadata.containsKey(key)) {
                throw new BadUserInputException("'" + argument + "' keys must be unique and at most "
                        + MAX_METADATA_TEXT + " characters");
            }
            metadata.put(key, arguments.optionalText(entry.value(), argument + ".value"));
        }
        return metadata;
    }
}
