package io.copilot.metrics.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.analysis.FieldComplexityCalculator;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Document;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLSchema;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;
import io.copilot.metrics.config.ApiConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.smallrye.config.WithDefault;
import io.smallrye.graphql.spi.EventingService;

/**
 * How graphql-java runs this API, set where SmallRye hands over its builders. A SmallRye
 * eventing service (found by ServiceLoader, enabled by {@value #ENABLED}), not CDI events:
 * enabling those makes SmallRye fire CDI events around every operation and data fetch.
 * <ul>
 * <li>The schema's Int is graphql-java's own ({@link StrictInt}).</li>
 * <li>The fields of the API's records are read without SmallRye's per-field context, the plain
 * ones by graphql-java's property fetcher ({@link RecordFields}).</li>
 * <li>Depth and cost are bounded, a root field (one SQL statement) costing
 * {@link ApiConfig#databaseFieldCost()}, so aliases cannot fan one request out into hundreds of
 * statements; each operation is walked for them once ({@link LimitsCheckedOnce}).</li>
 * <li>Errors raised before any field runs get plain words and a code ({@link PlainErrors}).</li>
 * <li>SmallRye's own instrumentation (its query cache, which parses and validates each document
 * once) stays first in the chain; field visibility "default" blocks nothing.</li>
 * <li>The chain acts per operation only ({@link OperationInstrumentation}): no member is asked at
 * every field.</li>
 * </ul>
 */
public class GraphQLEngine implements EventingService {

    static final String ENABLED = "copilot-metrics.graphql-engine.enabled";

    /** Parses are cache misses: after its first request, a document is not parsed again. */
    private static final Counter DOCUMENTS_PARSED = Counter.builder("copilot_metrics_graphql_documents_parsed")
            .description("GraphQL documents parsed and validated, i.e. not found in SmallRye's query cache")
            .register(Metrics.globalRegistry);

    @Override
    public String getConfigKey() {
        return ENABLED;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        Config config = ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader());
        // SmallRye (2.17) reads the configured "default" as a pattern of blocked field names and
        // matches that regex on every field of every answer; "default" means no field is blocked
        boolean defaultVisibility = config.getOptionalValue("quarkus.smallrye-graphql.field-visibility", String.class)
                .orElse("default").equals("default");
        return StrictInt.replaceInt(builder, schema -> {
            GraphQLCodeRegistry registry = RecordFields.registry(schema, schema.getCodeRegistry());
            return defaultVisibility
                    ? registry.transform(change -> change.fieldVisibility(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY))
                    : registry;
        });
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        Config config = ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader());
        // SmallRye's chain comes first and stays: its query cache stores a document only from its
        // instrumentation's validation callback (replaced, every request was parsed twice)
        Instrumentation smallRye = builder.build().getInstrumentation();
        return builder.instrumentation(chain(List.of(smallRye,
                limits(limit(config, "max-depth", "maxDepth"), limit(config, "max-complexity", "maxComplexity"),
                        limit(config, "database-field-cost", "databaseFieldCost")),
                new SimplePerformantInstrumentation() {
                    @Override
                    public InstrumentationContext<Document> beginParse(InstrumentationExecutionParameters parameters,
                            InstrumentationState state) {
                        DOCUMENTS_PARSED.increment();
                        return super.beginParse(parameters, state);
                    }

                    @Override
                    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                            InstrumentationExecutionParameters parameters, InstrumentationState state) {
                        return CompletableFuture.completedFuture(result.getErrors().isEmpty() ? result
                                : result.transform(plain -> plain.errors(PlainErrors.of(result.getErrors()))));
                    }
                })));
    }

    /** The depth and complexity limits as the service applies them (public, as {@link #chain}, for the benchmark). */
    public static Instrumentation limits(int maxDepth, int maxComplexity, int rootCost) {
        return new ChainedInstrumentation(List.of(LimitsCheckedOnce.depth(maxDepth, new LimitsCheckedOnce()),
                LimitsCheckedOnce.complexity(maxComplexity, fieldCost(rootCost), new LimitsCheckedOnce())));
    }

    /** The service's way of chaining instrumentations (public for the benchmark that compares it). */
    public static Instrumentation chain(List<Instrumentation> members) {
        return OperationInstrumentation.of(members);
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
