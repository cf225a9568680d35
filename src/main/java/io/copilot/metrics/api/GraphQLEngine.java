package io.copilot.metrics.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.config.ConfigProvider;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.schema.GraphQLSchema;
import io.copilot.metrics.config.ApiConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.graphql.spi.EventingService;

/**
 * How graphql-java runs this API, set where SmallRye hands over its builders. A SmallRye
 * eventing service (found by ServiceLoader, enabled by {@value #ENABLED}), not CDI events:
 * enabling those makes SmallRye fire CDI events around every operation and data fetch.
 * <ul>
 * <li>The schema's Int is graphql-java's own ({@link StrictInt}).</li>
 * <li>Depth and cost are bounded, a root field (one SQL statement) costing
 * {@link ApiConfig#databaseFieldCost()}, so aliases cannot fan one request out into hundreds of
 * statements.</li>
 * <li>Errors raised before any field runs get plain words and a code ({@link PlainErrors}).</li>
 * <li>Valid documents are parsed and validated once ({@link DocumentCache}).</li>
 * </ul>
 */
public class GraphQLEngine implements EventingService {

    static final String ENABLED = "copilot-metrics.graphql-engine.enabled";

    @Override
    public String getConfigKey() {
        return ENABLED;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        return StrictInt.replaceInt(builder);
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        // at run time, when the configuration is there (the schema is built earlier)
        ApiConfig api = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(ApiConfig.class);
        return builder.preparsedDocumentProvider(new DocumentCache()).instrumentation(new ChainedInstrumentation(List.of(
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
