package io.copilot.metrics.api;

import org.eclipse.microprofile.graphql.GraphQLException;

import io.smallrye.graphql.api.ErrorCode;

/** The request is well-formed GraphQL but an argument is invalid; the message says which and why. */
@ErrorCode("BAD_USER_INPUT")
public class BadUserInputException extends GraphQLException {

    public BadUserInputException(String message) {
        super(message);
    }
}
