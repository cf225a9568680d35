package io.copilot.metrics.tenancy;

import java.util.Collection;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.copilot.metrics.api.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The claims of the token quarkus-oidc verified (signature, issuer, audience, expiry), as JSON:
 * what the tenancy rule reads and what PostgreSQL receives as request.jwt.claims.
 */
final class VerifiedClaims {

    /** Where an identity rebuilt from a remembered verification carries its claims, converted once (VerifiedTokens). */
    static final String ATTRIBUTE = VerifiedClaims.class.getName();

    private VerifiedClaims() {
    }

    /**
     * @throws ForbiddenException when the request carries no verified bearer token (over HTTP the
     *                            permission check refuses such requests first; a GraphQL WebSocket
     *                            whose connection_init carried no token gets here)
     */
    static JsonObject of(SecurityIdentity identity) throws ForbiddenException {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new ForbiddenException("A verified bearer token is required");
        }
        JsonObject known = identity.getAttribute(ATTRIBUTE);
        return known != null ? known : of(token);
    }

    /** The claims of a verified token; callers never change them (Caller copies before adding). */
    static JsonObject of(JsonWebToken token) {
        JsonObject claims = new JsonObject();
        for (String name : token.getClaimNames()) {
            if (!Claims.raw_token.name().equals(name)) {
                claims.put(name, json(token.getClaim(name)));
            }
        }
        return claims;
    }

    /** JSON-P values (nested objects and arrays), sets (aud, groups) and plain values, as Vert.x JSON. */
    private static Object json(Object value) {
        if (value instanceof jakarta.json.JsonString text) {
            return text.getString();
        }
        if (value instanceof jakarta.json.JsonNumber number) {
            return number.isIntegral() ? (Object) number.longValue() : number.bigDecimalValue();
        }
        if (value instanceof jakarta.json.JsonObject object) {
            return new JsonObject(object.toString());
        }
        if (value instanceof jakarta.json.JsonArray array) {
            return new JsonArray(array.toString());
        }
        if (value instanceof jakarta.json.JsonValue other) {
            return switch (other.getValueType()) {
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                default -> null;
            };
        }
        if (value instanceof Collection<?> values) {
            return new JsonArray(values.stream().map(VerifiedClaims::json).toList());
        }
        return value;
    }
}
