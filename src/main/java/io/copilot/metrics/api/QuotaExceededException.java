package io.copilot.metrics.api;

import org.eclipse.microprofile.graphql.GraphQLException;

import io.smallrye.graphql.api.ErrorCode;

/** Allowing the request would take spending past a quota's limit; nothing was reserved. */
@ErrorCode("QUOTA_EXCEEDED")
public class QuotaExceededException extends GraphQLException {

    public QuotaExceededException(String message) {
        super(message);
    }
}
