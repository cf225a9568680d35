package io.copilot.metrics.api;

import org.eclipse.microprofile.graphql.GraphQLException;

import io.smallrye.graphql.api.ErrorCode;

/** The caller is authenticated but may not see what it asked for (no tenant, no membership). */
@ErrorCode("FORBIDDEN")
public class ForbiddenException extends GraphQLException {

    public ForbiddenException(String message) {
        super(message);
    }
}
