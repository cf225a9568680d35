package io.copilot.metrics.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Real signed access tokens, shaped like Keycloak's (tenant in a user-attribute claim, roles in
 * realm_access.roles), signed with the key whose public half the mock OIDC server publishes,
 * plus the broken ones an attacker would try.
 */
public final class Tokens {

    public static final String ISSUER = "https://server.example.com";
    public static final String AUDIENCE = "copilot-metrics";

    private Tokens() {
    }

    public static String forUser(UUID subject, UUID tenant) {
        return sign(claims(subject, tenant, List.of("user")));
    }

    public static String withoutTenant(UUID subject) {
        return sign(claims(subject, null, List.of("user")));
    }

    /** A tenant claim holding whatever text the IdP put there. */
    public static String withTenantClaim(UUID subject, String tenantClaim) {
        return sign(claims(subject, null, List.of("user")).claim("tenant_id", tenantClaim));
    }

    public static String platformAdmin() {
        return sign(claims(ApiFixture.PLATFORM_ADMIN, null, List.of("platform-admin")));
    }

    /**
     * A service account's token as Keycloak's client-credentials grant issues it: the client's
     * service-account user as subject, azp naming the client, the usage-writer realm role and no tenant.
     */
    public static String usageWriter() {
        return sign(usageWriterClaims());
    }

    /** A usage writer's token changed by {@code change} (expired, other audience, ...). */
    public static String usageWriter(UnaryOperator<JwtClaimsBuilder> change) {
        return sign(change.apply(usageWriterClaims()));
    }

    /** A usage writer's claims signed with a key the issuer never published. */
    public static String usageWriterSignedByStranger() {
        return signedByStranger(usageWriterClaims());
    }

    private static JwtClaimsBuilder usageWriterClaims() {
        return claims(ApiFixture.USAGE_WRITER, null, List.of("usage-writer")).claim("azp", "platform-backend")
                .claim("preferred_username", "service-account-platform-backend");
    }

    public static String expired(UUID subject, UUID tenant) {
        long now = System.currentTimeMillis() / 1000;
        return sign(claims(subject, tenant, List.of("user")).issuedAt(now - 3600).expiresAt(now - 600));
    }

    /** Valid now, expired {@code seconds} from now. */
    public static String expiringIn(UUID subject, UUID tenant, long seconds) {
        long now = System.currentTimeMillis() / 1000;
        return sign(claims(subject, tenant, List.of("user")).issuedAt(now).expiresAt(now + seconds));
    }

    public static String wrongIssuer(UUID subject, UUID tenant) {
        return sign(claims(subject, tenant, List.of("user")).issuer("https://evil.example.com"));
    }

    public static String wrongAudience(UUID subject, UUID tenant) {
        return sign(claims(subject, tenant, List.of("user")).audience("some-other-service"));
    }

    /** Right claims and key id, signed with a key the issuer never published. */
    public static String wronglySigned(UUID subject, UUID tenant) {
        return signedByStranger(claims(subject, tenant, List.of("user")));
    }

    private static String signedByStranger(JwtClaimsBuilder claims) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey stranger = generator.generateKeyPair().getPrivate();
            return claims.jws().keyId("1").sign(stranger);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The "alg": "none" attack: claims without a signature. */
    public static String unsigned(UUID subject, UUID tenant) {
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        long now = System.currentTimeMillis() / 1000;
        String payload = base64("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"" + subject
                + "\",\"tenant_id\":\"" + tenant + "\",\"iat\":" + now + ",\"exp\":" + (now + 300) + "}");
        return header + "." + payload + ".";
    }

    private static JwtClaimsBuilder claims(UUID subject, UUID tenant, List<String> roles) {
        JwtClaimsBuilder builder = Jwt.claims()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject.toString())
                .claim("preferred_username", "user-" + subject.toString().substring(0, 8))
                .claim("realm_access", Map.of("roles", roles))
                .expiresIn(300);
        if (tenant != null) {
            builder.claim("tenant_id", tenant.toString());
        }
        return builder;
    }

    private static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId("1").sign("privateKey.jwk");
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
