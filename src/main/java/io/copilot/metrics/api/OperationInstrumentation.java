package io.copilot.metrics.api;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.ExecutionStrategyInstrumentationContext;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentation;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import graphql.schema.DataFetcher;

/**
 * A chain of instrumentations that all act on whole operations only (parse, validation,
 * execution, result; SmallRye's query cache, the depth and complexity limits): graphql-java's
 * chain would still ask each of them, through a list built per call, at every field of every
 * answer. Here the per-field hooks answer "nothing to do" at once. {@link #of} builds one only when
 * no member overrides a per-field hook, and graphql-java's own chain otherwise.
 */
final class OperationInstrumentation extends ChainedInstrumentation {

    /** The hooks graphql-java calls per field or per object; a member overriding one needs the full chain. */
    private static final Set<String> PER_FIELD_HOOKS = Set.of("beginExecutionStrategy", "beginExecuteObject",
            "beginDeferredField", "beginSubscribedFieldEvent", "beginFieldExecution", "beginFieldFetch",
            "beginFieldFetching", "beginFieldCompletion", "beginFieldListCompletion", "instrumentDataFetcher");

    private OperationInstrumentation(List<Instrumentation> members) {
        super(members);
    }

    /** The members chained, nested chains flattened: per operation only if none of them acts per field. */
    static ChainedInstrumentation of(List<Instrumentation> members) {
        List<Instrumentation> flat = new ArrayList<>();
        for (Instrumentation member : members) {
            if (member instanceof ChainedInstrumentation chain) {
                flat.addAll(chain.getInstrumentations());
            } else {
                flat.add(member);
            }
        }
        return flat.stream().allMatch(OperationInstrumentation::operationOnly) ? new OperationInstrumentation(flat)
                : new ChainedInstrumentation(flat);
    }

    /** Whether the member leaves every per-field hook as graphql-java's no-op base classes define it. */
    static boolean operationOnly(Instrumentation member) {
        for (Method method : member.getClass().getMethods()) {
            if (PER_FIELD_HOOKS.contains(method.getName())) {
                Class<?> declaring = method.getDeclaringClass();
                if (declaring != Instrumentation.class && declaring != SimpleInstrumentation.class
                        && declaring != SimplePerformantInstrumentation.class) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public ExecutionStrategyInstrumentationContext beginExecutionStrategy(
            InstrumentationExecutionStrategyParameters parameters, InstrumentationState state) {
        return null;
    }

    @Override
    public ExecuteObjectInstrumentationContext beginExecuteObject(InstrumentationExecutionStrategyParameters parameters,
            InstrumentationState state) {
        return null;
    }

    @Override
    public InstrumentationContext<Object> beginDeferredField(InstrumentationState state) {
        return null;
    }

    @Override
    public InstrumentationContext<graphql.ExecutionResult> beginSubscribedFieldEvent(
            InstrumentationFieldParameters parameters, InstrumentationState state) {
        return null;
    }

    @Override
    public InstrumentationContext<Object> beginFieldExecution(InstrumentationFieldParameters parameters,
            InstrumentationState state) {
        return null;
    }

    @Override
    public InstrumentationContext<Object> beginFieldFetch(InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        return null;
    }

    @Override
    public FieldFetchingInstrumentationContext beginFieldFetching(InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        return null;
    }

    @Override
    public InstrumentationContext<Object> beginFieldCompletion(InstrumentationFieldCompleteParameters parameters,
            InstrumentationState state) {
        return null;
    }

    @Override
    public InstrumentationContext<Object> beginFieldListCompletion(InstrumentationFieldCompleteParameters parameters,
            InstrumentationState state) {
        return null;
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        return dataFetcher;
    }
}
