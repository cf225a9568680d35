package io.copilot.metrics.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.copilot.metrics.config.ApiConfig;

/**
 * How graphql-java runs this API, set where SmallRye hands over its engine builder (the schema's
 * Int is adjusted by {@link StrictInt}):
 * <ul>
 * <li>Depth and cost are bounded, a root field (one SQL statement) costing
 * {@link ApiConfig#databaseFieldCost()}, so aliases cannot fan one request out into hundreds of
 * statements.</li>
 * <li>Errors raised before any field runs get plain words and a code ({@link PlainErrors}).</li>
 * </ul>
 */
@ApplicationScoped
public class GraphQLEngine {

    private final ApiConfig api;

    public GraphQLEngine(ApiConfig api) {
        this.api = api;
    }

    void limitsAndErrors(@Observes GraphQL.Builder builder) {
        builder.instrumentation(new ChainedInstrumentation(List.of(
                new MaxQueryDepthInstrumentation(api.maxDepth()),
                new MaxQueryComplexityInstrumentation(api.maxComplexity(), fieldCost(api.databaseFieldCost())),
                new SimplePerformantInstrumentation() {
                    @Override
                    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                            InstrumentationExecutionParameters parameters, InstrumentationState state) {
                        return CompletableFuture.completedFuture(result.getErrors().isEmpty() ? result
                                : result.transform(plain -> plain.errors(PlainErrors.of(result.getErrors()))));
                    }
                })));
    }

    /** A field of an operation's root type runs SQL and costs {@code rootCost}; any other field 1. */
    static FieldComplexityCalculator fieldCost(int rootCost) {
        return (field, childComplexity) -> (field.getParentEnvironment() == null ? rootCost : 1) + childComplexity;
    }
}
