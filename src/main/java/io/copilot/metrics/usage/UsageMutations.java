package io.copilot.metrics.usage;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;

import io.copilot.metrics.api.ApiEdge;
import io.copilot.metrics.api.BadUserInputException;
import io.copilot.metrics.api.ForbiddenException;
import io.copilot.metrics.tenancy.CurrentCaller;
import io.smallrye.mutiny.Uni;

/**
 * Where usage enters: service accounts (the usage-writer role) reserve before an LLM call or a
 * sandbox run and record what it used afterwards. The database prices everything, enforces the
 * quotas and makes recording idempotent; anyone else is FORBIDDEN before any argument is read.
 */
@GraphQLApi
@ApiEdge
public class UsageMutations {

    private final UsageService usage;
    private final UsageArguments arguments;
    private final CurrentCaller callers;

    public UsageMutations(UsageService usage, UsageArguments arguments, CurrentCaller callers) {
        this.usage = usage;
        this.arguments = arguments;
        this.callers = callers;
    }

    @Mutation
    @Description("Before an LLM call: prices the expected tokens, writes the estimate and holds its cost on every "
            + "applicable quota (the tenant's, the user's, the platform's; llm and all). QUOTA_EXCEEDED, with the "
            + "refusing quota in extensions.quota, when one has not enough left: nothing is reserved then.")
    public Uni<@NonNull Reservation> reserveLlmUsage(@NonNull LlmUsageReservationInput input)
            throws ForbiddenException, BadUserInputException {
        return usage.reserve(callers.serviceAccount(), arguments.reservation(input, "input"));
    }

    @Mutation
    @Description("Before a sandbox run: as reserveLlmUsage, for the expected seconds of an E2B tier (e2b and all "
            + "quotas).")
    public Uni<@NonNull Reservation> reserveSandboxRun(@NonNull SandboxRunReservationInput input)
            throws ForbiddenException, BadUserInputException {
        return usage.reserve(callers.serviceAccount(), arguments.reservation(input, "input"));
    }

    @Mutation
    @Description("After an LLM call: prices the tokens at the price in force at occurredAt, writes the cost, "
            + "releases the estimate's reservation and adds the spend to the quotas, even past a limit (the money "
            + "is spent). Idempotent by (tenantId, idempotencyKey); the same key with other usage is CONFLICT.")
    public Uni<@NonNull UsageReceipt> recordLlmUsage(@NonNull LlmUsageInput input)
            throws ForbiddenException, BadUserInputException {
        return usage.recordOne(callers.serviceAccount(), arguments.usage(input, "input"));
    }

    @Mutation
    @Description("After a sandbox run: as recordLlmUsage, for the run's seconds and metered resources.")
    public Uni<@NonNull UsageReceipt> recordSandboxRun(@NonNull SandboxRunInput input)
            throws ForbiddenException, BadUserInputException {
        return usage.recordOne(callers.serviceAccount(), arguments.usage(input, "input"));
    }

    @Mutation
    @Description("Records a batch (at most the configured number of items, 500 unless changed), answering each item "
            + "at its index with its receipt or its own error: one bad item never rejects the others.")
    public Uni<@NonNull List<@NonNull UsageItemResult>> recordUsage(@NonNull List<@NonNull UsageItemInput> batch)
            throws ForbiddenException, BadUserInputException {
        var account = callers.serviceAccount();
        arguments.batchSize(batch);
        return usage.recordBatch(account, CheckedBatch.of(batch, "batch", arguments::usage));
    }
}
