package io.copilot.metrics.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.copilot.metrics.tenancy.LocalSigningKey;
import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * GET /dev/token?user=alice: a signed access token for a demo user of the Keycloak realm
 * (docker/keycloak/copilot-realm.json), shaped like Keycloak's. Exists only in dev builds
 * ({@link IfBuildProfile}), and only mints when dev mode verifies tokens with
 * {@link LocalSigningKey} (no container engine, so no Keycloak).
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class DevTokenRoute {

    static final Path REALM = Path.of("docker", "keycloak", "copilot-realm.json");

    void register(@Observes Router router) {
        router.get("/dev/token").handler(this::mint);
    }

    private void mint(RoutingContext context) {
        Optional<PrivateKey> key = LocalSigningKey.privateKey();
        if (key.isEmpty()) {
            reply(context, 404, "Dev tokens exist only when dev mode runs without a container engine. "
                    + "Use Keycloak's password grant (see README).");
            return;
        }
        String username = Optional.ofNullable(context.request().getParam("user")).orElse("alice");
        Optional<JsonObject> user = realmUser(username);
        if (user.isEmpty()) {
            reply(context, 400, "Unknown demo user '" + username + "'; see docker/keycloak/copilot-realm.json");
            return;
        }
        reply(context, 200, LocalSigningKey.sign(claims(user.get()), key.get()));
    }

    private static JsonObject claims(JsonObject user) {
        long now = Instant.now().getEpochSecond();
        JsonObject claims = new JsonObject()
                .put("iss", LocalDevConfigSourceFactory.ISSUER)
                .put("aud", "copilot-metrics")
                .put("sub", user.getString("id"))
                .put("preferred_username", user.getString("username"))
                .put("email", user.getString("email"))
                .put("realm_access", new JsonObject().put("roles", user.getJsonArray("realmRoles", new JsonArray())))
                .put("iat", now)
                .put("exp", now + 8 * 3600);
        JsonArray tenant = user.getJsonObject("attributes", new JsonObject()).getJsonArray("tenant_id");
        if (tenant != null && !tenant.isEmpty()) {
            claims.put("tenant_id", tenant.getString(0));
        }
        return claims;
    }

    private static Optional<JsonObject> realmUser(String username) {
        try {
            JsonArray users = new JsonObject(Files.readString(REALM)).getJsonArray("users");
            return users.stream().map(JsonObject.class::cast)
                    .filter(user -> username.equals(user.getString("username")))
                    .findFirst();
        } catch (IOException e) {
            throw new IllegalStateException("dev mode reads demo users from " + REALM.toAbsolutePath(), e);
        }
    }

    private static void reply(RoutingContext context, int status, String body) {
        context.response().setStatusCode(status).putHeader("Content-Type", "text/plain").end(body + "\n");
    }
}
