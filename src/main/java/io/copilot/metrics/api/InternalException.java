package io.copilot.metrics.api;

import org.eclipse.microprofile.graphql.GraphQLException;

import io.smallrye.graphql.api.ErrorCode;

/**
 * Something failed on our side. The message carries only a correlation id; the cause, with
 * the same id, is in the log. Never SQL text or a stack trace in a response.
 */
@ErrorCode("INTERNAL")
public class InternalException extends GraphQLException {

    private final String correlationId;

    public InternalException(String correlationId) {
        super("Internal error; reference " + correlationId);
        this.correlationId = correlationId;
    }

    public String correlationId() {
        return correlationId;
    }
}
