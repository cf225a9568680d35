package io.copilot.metrics.api;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import graphql.ExecutionResult;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.AstPrinter;
import graphql.language.Document;

/**
 * graphql-java's depth and complexity limits, each walking an operation once rather than on
 * every request: both walk the whole document before it runs (6.6% of an allCosts page's service
 * CPU), and a dashboard sends the same few documents all day. An operation found within a limit
 * is remembered by its parsed document (SmallRye's query cache hands out the same one for the same
 * text) and name, with the variables too where {@code @skip} or {@code @include} lets them change
 * what runs. One over a limit is walked, and refused, every time.
 */
final class LimitsCheckedOnce {

    private static final int REMEMBERED = 1024;
    private static final Pattern CONDITIONAL = Pattern.compile("@(skip|include)\\b");

    /** Documents whose fields depend on variables (true) or not; by identity (graphql-java's nodes keep Object's equals). */
    private final Map<Document, Boolean> conditional = new ConcurrentHashMap<>();
    private final Set<Operation> withinLimit = ConcurrentHashMap.newKeySet();
    /** Walks done, for the tests. */
    final AtomicLong walks = new AtomicLong();

    private record Operation(Document document, String name, Map<String, Object> variables) {
    }

    static Instrumentation depth(int maxDepth, LimitsCheckedOnce checked) {
        return new MaxQueryDepthInstrumentation(maxDepth) {
            @Override
            public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                    InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
                return checked.once(parameters, () -> super.beginExecuteOperation(parameters, state));
            }
        };
    }

    static Instrumentation complexity(int maxComplexity, FieldComplexityCalculator cost, LimitsCheckedOnce checked) {
        return new MaxQueryComplexityInstrumentation(maxComplexity, cost) {
            @Override
            public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                    InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
                return checked.once(parameters, () -> super.beginExecuteOperation(parameters, state));
            }
        };
    }

    /** The limit's own check for an operation not yet known to be within it (it throws when over). */
    private InstrumentationContext<ExecutionResult> once(InstrumentationExecuteOperationParameters parameters,
            Supplier<InstrumentationContext<ExecutionResult>> walk) {
        Operation operation = operation(parameters.getExecutionContext());
        if (withinLimit.contains(operation)) {
            return null;
        }
        walks.incrementAndGet();
        InstrumentationContext<ExecutionResult> context = walk.get();
        if (withinLimit.size() >= REMEMBERED) {
            withinLimit.clear();
        }
        withinLimit.add(operation);
        return context;
    }

    private Operation operation(ExecutionContext execution) {
        Document document = execution.getDocument();
        if (conditional.size() >= REMEMBERED) {
            conditional.clear();
        }
        boolean onVariables = conditional.computeIfAbsent(document,
                parsed -> CONDITIONAL.matcher(AstPrinter.printAstCompact(parsed)).find());
        return new Operation(document, execution.getExecutionInput().getOperationName(),
                onVariables ? execution.getCoercedVariables().toMap() : null);
    }
}
