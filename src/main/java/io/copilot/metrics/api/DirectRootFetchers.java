package io.copilot.metrics.api;

import java.util.concurrent.ExecutionException;

import jakarta.validation.ConstraintViolationException;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.graphql.GraphQLException;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.Arc;
import io.copilot.metrics.tenancy.RequestedTenant;
import io.quarkus.smallrye.graphql.runtime.spi.datafetcher.QuarkusUniDataFetcher;
import io.smallrye.graphql.SmallRyeGraphQLServerMessages;
import io.smallrye.graphql.execution.datafetcher.PlugableBatchableDataFetcher;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.OperationType;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.DataFetcherService;
import io.smallrye.graphql.spi.config.Config;
import io.smallrye.graphql.transformation.AbstractDataFetcherException;
import io.smallrye.graphql.validation.BeanValidationUtil;
import io.smallrye.mutiny.Uni;

/**
 * The fetchers of the API's root queries and mutations (every one returns a {@link Uni}): as
 * Quarkus's own, with its arguments (input records and dates built directly:
 * {@link OperationArguments}), invocation, answer and errors, minus what this API never reads per
 * field. Quarkus's fetcher builds a SmallRye context for each root field (the selected
 * fields as JSON, twice), fires its events, looks the {@code mp_graphql} timer up by name and tags
 * and re-activates a request context that is already active; a tenth of a small query's CPU. No
 * code here reads that per-field context ({@code RequestedTenant} reads the request's), and no
 * eventing service listens per field ({@link GraphQLEngine} only adjusts builders).
 * <p>
 * Where the shortcut's conditions do not hold, Quarkus's fetcher answers: outside an active
 * request context on this thread, or over a WebSocket, whose connection_init payload only the
 * per-field context carries to {@code RequestedTenant}. {@value #ENABLED}=false turns it off (to
 * compare the two in the benchmark).
 */
public class DirectRootFetchers implements DataFetcherService {

    static final String ENABLED = "copilot-metrics.api.direct-root-fetchers";
    private static final String METRIC = "mp_graphql";

    private final boolean enabled = ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader())
            .getOptionalValue(ENABLED, Boolean.class).orElse(true);

    /** Before Quarkus's (priority 1), which SmallRye asks next. */
    @Override
    public Integer getPriority() {
        return 0;
    }

    @Override
    public PlugableBatchableDataFetcher<?, ?> getUniDataFetcher(Operation operation, Type type) {
        boolean root = operation.getOperationType() == OperationType.QUERY
                || operation.getOperationType() == OperationType.MUTATION;
        return enabled && root ? new Direct<>(operation, type) : null;
    }

    static final class Direct<K, T> extends QuarkusUniDataFetcher<K, T> {

        private final Timer timer;
        private final OperationArguments arguments;

        Direct(Operation operation, Type type) {
            super(operation, type);
            this.arguments = OperationArguments.of(operation.getArguments());
            // the timer SmallRye's Micrometer service records per root field, by the same name and tags
            this.timer = Config.get().isMetricsEnabled() ? Timer.builder(METRIC).tag("name", operation.getName())
                    .tag("type", operation.getOperationType().name()).tag("source", "false")
                    .register(Metrics.globalRegistry) : null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get(DataFetchingEnvironment dfe) throws Exception {
            if (!Arc.container().requestContext().isActive() || RequestedTenant.overWebSocket(dfe.getGraphQlContext())) {
                return super.get(dfe);
            }
            Timer.Sample started = timer != null ? Timer.start() : null;
            DataFetcherResult.Builder<Object> answer = DataFetcherResult.newResult().localContext(dfe.getGraphQlContext());
            Uni<?> result;
            try {
                result = handleUserMethodCall(dfe, arguments.values(dfe));
            } catch (AbstractDataFetcherException unconvertible) {
                unconvertible.appendDataFetcherResult(answer, dfe);
                return (T) Uni.createFrom().item(answer.build()).subscribeAsCompletionStage();
            } catch (GraphQLException apiError) {
                errorResultHelper.appendPartialResult(answer, dfe, apiError);
                return (T) Uni.createFrom().item(answer.build()).subscribeAsCompletionStage();
            }
            return (T) result.onItemOrFailure().transform((item, failure) -> {
                if (started != null) {
                    started.stop(timer);
                }
                return answer(dfe, answer, item, failure);
            }).subscribeAsCompletionStage();
        }

        /** How this operation's arguments are built (for tests). */
        OperationArguments arguments() {
            return arguments;
        }

        /** As Quarkus's fetcher completes: an API error beside partial data, any other failure as SmallRye wraps it. */
        private DataFetcherResult<Object> answer(DataFetchingEnvironment dfe, DataFetcherResult.Builder<Object> answer,
                Object item, Throwable failure) {
            Throwable cause = failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause()
                    : failure;
            if (cause instanceof GraphQLException apiError) {
                errorResultHelper.appendPartialResult(answer, dfe, apiError);
            } else if (cause instanceof ConstraintViolationException invalid) {
                BeanValidationUtil.addConstraintViolationsToDataFetcherResult(invalid.getConstraintViolations(),
                        operationInvoker.getMethod(), answer, dfe);
            } else if (cause instanceof Exception exception) {
                throw SmallRyeGraphQLServerMessages.msg.dataFetcherException(operation, exception);
            } else if (cause instanceof Error error) {
                throw error;
            } else {
                try {
                    answer.data(fieldHelper.transformOrAdaptResponse(item, dfe));
                } catch (AbstractDataFetcherException untransformable) {
                    untransformable.appendDataFetcherResult(answer, dfe);
                }
            }
            return answer.build();
        }
    }
}
