package io.copilot.metrics.api;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.json.JsonObject;

import org.jboss.logging.Logger;

import graphql.ErrorType;
import graphql.ExecutionResult;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.smallrye.graphql.runtime.SmallRyeGraphQLAbstractHandler;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;
import io.smallrye.graphql.spi.config.Config;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * POST /graphql, executed by SmallRye as its own route would (request context, identity, its
 * execution service), with two steps less per request: the body is not parsed again (the gate
 * parsed it, {@link GraphQLRequestGate#REQUEST}) and the answer is written from graphql-java's
 * result ({@link GraphQLResponseJson}) instead of through a JSON-P tree. The answer's media type
 * follows Accept as SmallRye's route does: {@code application/json} or
 * {@code application/graphql+json} (the default), anything else 406. GET (the WebSocket upgrade)
 * stays SmallRye's.
 */
@ApplicationScoped
public class GraphQLPostRoute {

    private static final Logger LOG = Logger.getLogger(GraphQLPostRoute.class);
    private static final String DEFAULT_MEDIA_TYPE = "application/graphql+json; charset=UTF-8";

    private final Instance<CurrentIdentityAssociation> identities;
    private final CurrentVertxRequest currentRequest;

    GraphQLPostRoute(Instance<CurrentIdentityAssociation> identities, CurrentVertxRequest currentRequest) {
        this.identities = identities;
        this.currentRequest = currentRequest;
    }

    void register(@Observes Router router) {
        router.post("/graphql").order(GraphQLRequestGate.ORDER + 1).handler(new Handler(
                identities.isResolvable() ? identities.get() : null, currentRequest));
    }

    /** SmallRye's handler base: it activates the request context and the caller's identity around {@link #doHandle}. */
    static final class Handler extends SmallRyeGraphQLAbstractHandler {

        Handler(CurrentIdentityAssociation identity, CurrentVertxRequest currentRequest) {
            super(identity, currentRequest, false);
        }

        @Override
        protected void doHandle(RoutingContext http) {
            JsonObject request = http.get(GraphQLRequestGate.REQUEST);
            if (request == null) {
                // the gate let nothing through without it; a route added before it would be a mistake
                http.fail(500);
                return;
            }
            String mediaType = mediaType(http);
            if (mediaType == null) {
                http.response().setStatusCode(406).end();
                return;
            }
            http.response().headers().set(HttpHeaders.CONTENT_TYPE, mediaType);
            getExecutionService().executeAsync(request, getMetaData(http), new Writer(http, charset(mediaType)));
        }

        /** The first acceptable Accept entry, the default for none or {@code *}{@code /*}, null for only others. */
        private static String mediaType(RoutingContext http) {
            if (http.parsedHeaders().accept().isEmpty()) {
                return DEFAULT_MEDIA_TYPE;
            }
            for (MIMEHeader accepted : http.parsedHeaders().accept()) {
                String value = accepted.rawValue();
                if (value.startsWith("application/json") || value.startsWith("application/graphql+json")) {
                    return value;
                }
                if (value.startsWith("*/*")) {
                    return DEFAULT_MEDIA_TYPE;
                }
            }
            return null;
        }

        private static Charset charset(String mediaType) {
            for (String parameter : mediaType.split(";")) {
                String[] pair = parameter.trim().split("=", 2);
                if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                    try {
                        return Charset.forName(pair[1].trim());
                    } catch (IllegalArgumentException unknown) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
            return StandardCharsets.UTF_8;
        }
    }

    private record Writer(RoutingContext http, Charset charset) implements ExecutionResponseWriter {

        @Override
        public void write(ExecutionResponse response) {
            ExecutionResult result = response.getExecutionResult();
            if (aborted(result)) {
                // as SmallRye's route answers an execution aborted after data was produced
                LOG.error("GraphQL execution aborted");
                http.response().setStatusCode(500).end();
                return;
            }
            http.response().setStatusCode(200).end(body(response));
        }

        @Override
        public void fail(Throwable failure) {
            http.fail(failure);
        }

        private Buffer body(ExecutionResponse response) {
            if (!Config.get().isExcludeNullFieldsInResponses() && charset.equals(StandardCharsets.UTF_8)) {
                var bytes = Unpooled.buffer(1024);
                try (ByteBufOutputStream out = new ByteBufOutputStream(bytes)) {
                    if (GraphQLResponseJson.write(response.getExecutionResult(), out)) {
                        return Buffer.buffer(bytes);
                    }
                } catch (IOException e) {
                    // written to memory: not expected; SmallRye's own writing below answers anyway
                    LOG.debug("GraphQL answer not written directly", e);
                }
                bytes.release();
            }
            return Buffer.buffer(response.getExecutionResultAsString(), charset.name());
        }

        private static boolean aborted(ExecutionResult result) {
            return result.isDataPresent() && result.getErrors().stream()
                    .anyMatch(error -> error.getErrorType() == ErrorType.ExecutionAborted);
        }
    }
}
