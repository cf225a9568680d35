package io.copilot.metrics.tenancy;

import io.vertx.core.json.JsonObject;

/**
 * A caller that records usage: an OAuth2 client (client-credentials token) holding the
 * configured usage-writer role. It names the tenant of each usage it records; its writes run as
 * the database role usage_writer, which can do nothing but call the write API.
 *
 * @param subject the token's sub (the client's service-account user)
 * @param claims  the verified token claims, handed to PostgreSQL as request.jwt.claims
 */
public record ServiceAccount(String subject, JsonObject claims) {

    static final String USAGE_WRITER = "usage_writer";
}
