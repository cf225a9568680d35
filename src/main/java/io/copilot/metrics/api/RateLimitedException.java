package io.copilot.metrics.api;

import org.eclipse.microprofile.graphql.GraphQLException;

import io.smallrye.graphql.api.ErrorCode;

/** The caller holds as much as it may at once (open subscriptions); it may ask again once it lets one go. */
@ErrorCode("RATE_LIMITED")
public class RateLimitedException extends GraphQLException {

    public RateLimitedException(String message) {
        super(message);
    }
}
