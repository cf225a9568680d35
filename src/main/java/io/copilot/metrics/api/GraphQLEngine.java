package io.copilot.metrics.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.config.Config;
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
import io.smallrye.config.WithDefault;
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
 * <li>SmallRye's own query cache parses and validates each document once: it is left in place.</li>
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
        Config config = ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader());
        return builder.instrumentation(new ChainedInstrumentation(List.of(
                new MaxQueryDepthInstrumentation(limit(config, "max-depth", "maxDepth")),
                new MaxQueryComplexityInstrumentation(limit(config, "max-complexity", "maxComplexity"),
                        fieldCost(limit(config, "database-field-cost", "databaseFieldCost"))),
                new SimplePerformantInstrumentation() {
                    @Override
                    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                            InstrumentationExecutionParameters parameters, InstrumentationState state) {
                        return CompletableFuture.completedFuture(result.getErrors().isEmpty() ? result
                                : result.transform(plain -> plain.errors(PlainErrors.of(result.getErrors()))));
                    }
                })));
    }

    /**
     * A limit of {@link ApiConfig}, read by name at run time (the schema is built earlier) from the
     * configuration of the application running now. SmallRye loads this service once per JVM and
     * keeps it: after a dev-mode reload it is the previous application's, whose ApiConfig mapping
     * the new configuration does not know.
     */
    private static int limit(Config config, String property, String method) {
        return config.getOptionalValue("copilot-metrics.api." + property, Integer.class).orElseGet(() -> {
            try {
                return Integer.parseInt(ApiConfig.class.getMethod(method).getAnnotation(WithDefault.class).value());
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A field of an operation's root type runs SQL and costs {@code rootCost}; any other field 1. */
    static FieldComplexityCalculator fieldCost(int rootCost) {
        return (field, childComplexity) -> (field.getParentEnvironment() == null ? rootCost : 1) + childComplexity;
    }
}
