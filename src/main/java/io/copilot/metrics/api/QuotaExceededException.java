package io.copilot.metrics.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.GraphQLException;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import io.smallrye.graphql.api.ErrorCode;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;

/**
 * Allowing the request would take spending past a quota's limit; nothing was reserved. The
 * error's extensions carry the quota that refused, under "quota": its id, scope, resource type,
 * period, and limit, spent, reserved, remaining and requested amounts (decimal strings).
 */
@ErrorCode("QUOTA_EXCEEDED")
public class QuotaExceededException extends GraphQLException implements GraphQLError {

    private final Map<String, Object> quota;

    public QuotaExceededException(String message, Map<String, Object> quota) {
        super(message);
        this.quota = quota;
    }

    /** From the quota functions' error: its message, and the refusing quota in its DETAIL (JSON). */
    static QuotaExceededException of(PgException refusal) {
        Map<String, Object> quota = Map.of();
        try {
            if (refusal.getDetail() != null) {
                quota = new JsonObject(refusal.getDetail()).getMap();
            }
        } catch (RuntimeException notJson) {
            // the message alone says it
        }
        return new QuotaExceededException(refusal.getErrorMessage(), quota);
    }

    public Map<String, Object> quota() {
        return quota;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return null;
    }

    @Override
    public ErrorClassification getErrorType() {
        return null;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return quota.isEmpty() ? Map.of() : Map.of("quota", quota);
    }
}
