package io.copilot.metrics.api;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.eclipse.microprofile.graphql.GraphQLException;
import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The API edge: failures that are not already API errors become one through
 * {@link DatabaseErrors}, whether thrown or carried by the returned Uni or Multi. INTERNAL is
 * logged with its cause under the correlation id the caller sees; UNAVAILABLE marks the HTTP
 * response for 503 ({@link UnavailableResponses}).
 */
@ApiEdge
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class ApiEdgeInterceptor {

    private static final Logger LOG = Logger.getLogger(ApiEdgeInterceptor.class);
    private static final OutageLog DATABASE_OUTAGE = new OutageLog(LOG, "Database", Duration.ofSeconds(30),
            Instant::now);

    private final CurrentVertxRequest request;

    public ApiEdgeInterceptor(CurrentVertxRequest request) {
        this.request = request;
    }

    @AroundInvoke
    Object translateFailures(InvocationContext invocation) throws Exception {
        // Taken now: when a Uni fails later, the request context may no longer be active.
        RoutingContext http = request.getCurrent();
        Object result;
        try {
            result = invocation.proceed();
        } catch (GraphQLException apiError) {
            throw apiError;
        } catch (RuntimeException failure) {
            throw translate(failure, http);
        }
        if (result instanceof Uni<?> uni) {
            return uni.onItem().invoke(DATABASE_OUTAGE::answered)
                    .onFailure(failure -> !(failure instanceof GraphQLException))
                    .transform(failure -> translate(failure, http));
        }
        if (result instanceof Multi<?> multi) {
            return multi.onFailure(failure -> !(failure instanceof GraphQLException))
                    .transform(failure -> translate(failure, http));
        }
        return result;
    }

    /** The API error for a failure, logged as the edge logs it; also what the CSV export answers ({@link EdgeAnswers}). */
    static GraphQLException translate(Throwable failure, RoutingContext http) {
        String correlationId = UUID.randomUUID().toString();
        GraphQLException apiError = DatabaseErrors.translate(failure, correlationId);
        if (apiError instanceof InternalException) {
            LOG.errorf(failure, "Request failed [correlation id %s]", correlationId);
        } else if (apiError instanceof UnavailableException) {
            DATABASE_OUTAGE.failed(failure);
            UnavailableResponses.mark(http);
        }
        return apiError;
    }
}
