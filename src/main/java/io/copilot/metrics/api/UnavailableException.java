package io.copilot.metrics.api;

import org.eclipse.microprofile.graphql.GraphQLException;

import io.smallrye.graphql.api.ErrorCode;

/**
 * A dependency (the database) cannot answer right now. Not a bug and not the caller's fault:
 * the same request may succeed later, so the HTTP response is 503 with Retry-After
 * ({@link UnavailableResponses}).
 */
@ErrorCode("UNAVAILABLE")
public class UnavailableException extends GraphQLException {

    public UnavailableException(String message) {
        super(message);
    }
}
