package io.copilot.metrics.api;

import org.eclipse.microprofile.graphql.GraphQLException;

import io.smallrye.graphql.api.ErrorCode;

/** What the request names does not exist, or is not the caller's to see. */
@ErrorCode("NOT_FOUND")
public class NotFoundException extends GraphQLException {

    public NotFoundException(String message) {
        super(message);
    }
}
