package io.copilot.metrics.api;

import org.eclipse.microprofile.graphql.GraphQLException;

import io.smallrye.graphql.api.ErrorCode;

/** The request contradicts what is already stored (e.g. an idempotency key reused with other content). */
@ErrorCode("CONFLICT")
public class ConflictException extends GraphQLException {

    public ConflictException(String message) {
        super(message);
    }
}
