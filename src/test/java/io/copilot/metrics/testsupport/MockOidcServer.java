package io.copilot.metrics.testsupport;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Quarkus' WireMock OIDC provider (discovery document and signing keys, offline), plus the
 * settings that point the service at it. Passed as configuration, they also reach the
 * packaged application in @QuarkusIntegrationTest.
 */
public class MockOidcServer extends OidcWiremockTestResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        String keycloakUrl = config.getOrDefault("keycloak.url", "http://localhost:8180/auth");
        config.put("quarkus.oidc.auth-server-url", keycloakUrl + "/realms/quarkus");
        config.put("quarkus.oidc.token.issuer", Tokens.ISSUER);
        config.put("quarkus.oidc.token.audience", Tokens.AUDIENCE);
        return config;
    }
}
