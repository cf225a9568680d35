package io.copilot.metrics.tenancy;

import java.security.Permission;
import java.security.Principal;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.copilot.metrics.config.ApiConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.credential.Credential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Bearer tokens verified once are not verified again until they expire. Quarkus OIDC checks a
 * JWT's signature, issuer, audience and expiry on every request, about a seventh of a dashboard
 * query's CPU, while a dashboard sends the same token for minutes.
 * <p>
 * As an identity provider this runs before OIDC's: for a token text OIDC has verified and whose
 * {@code exp} has not passed it builds the identity again from what that verification produced;
 * for any other text (a new token, an expired one, a wrongly signed copy of a known one) it
 * answers nothing and OIDC verifies. As an augmentor it remembers what OIDC produced. It keeps
 * the principal, roles, credentials, permissions and attributes, never the identity itself:
 * that one holds its request's routing context, which would keep the request (and its body)
 * alive. The request-bound attributes are set from the current request instead, and the claims
 * the tenancy rule reads are converted once ({@link VerifiedClaims#ATTRIBUTE}).
 * <p>
 * At most {@link ApiConfig#verifiedTokens()} tokens are remembered (0: none); when full, all are
 * forgotten at once and verified again.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest>, SecurityIdentityAugmentor {

    /** Before OIDC's provider (the default priority, 1001). */
    private static final int BEFORE_OIDC = 1002;
    /** Attributes that hold the request they were verified in (OidcUtils sets them from it). */
    private static final Set<String> REQUEST_ATTRIBUTES = Set.of(RoutingContext.class.getName(),
            AuthenticationRequestContext.class.getName());

    private static final Counter REUSED = Counter.builder("copilot_metrics_verified_tokens_reused")
            .description("Requests whose bearer token was verified by an earlier request and had not expired")
            .register(Metrics.globalRegistry);

    /** What OIDC's verification of one token produced, apart from its request. */
    private record Verified(Principal principal, Set<String> roles, Set<Credential> credentials,
            Set<Permission> permissions, Map<String, Object> attributes, long expiresAtSecond) {

        static Verified of(SecurityIdentity identity, JsonWebToken token) {
            Map<String, Object> attributes = new HashMap<>(identity.getAttributes());
            attributes.keySet().removeAll(REQUEST_ATTRIBUTES);
            // OIDC sets some attributes to null (no userinfo, say): absent reads the same
            attributes.values().removeIf(Objects::isNull);
            attributes.put(VerifiedClaims.ATTRIBUTE, VerifiedClaims.of(token));
            return new Verified(identity.getPrincipal(), Set.copyOf(identity.getRoles()),
                    Set.copyOf(identity.getCredentials()), Set.copyOf(identity.getPermissions()),
                    Map.copyOf(attributes), token.getExpirationTime());
        }

        SecurityIdentity identity(RoutingContext http) {
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder().setPrincipal(principal)
                    .addRoles(roles).addCredentials(credentials).addPermissions(permissions).addAttributes(attributes);
            if (http != null) {
                identity.addAttribute(RoutingContext.class.getName(), http);
                Object blockingApi = http.get(AuthenticationRequestContext.class.getName());
                if (blockingApi != null) {
                    identity.addAttribute(AuthenticationRequestContext.class.getName(), blockingApi);
                }
            }
            return identity.build();
        }
    }

    private final Map<String, Verified> tokens = new ConcurrentHashMap<>();
    private final int capacity;
    private final Clock clock;

    @Inject
    public VerifiedTokens(ApiConfig api) {
        this(api.verifiedTokens(), Clock.systemUTC());
    }

    VerifiedTokens(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return BEFORE_OIDC;
    }

    /** The identity of a token verified before and not expired; else nothing, and OIDC verifies it. */
    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        Verified verified = token == null ? null : tokens.get(token);
        if (verified == null) {
            return Uni.createFrom().nullItem();
        }
        if (clock.instant().getEpochSecond() >= verified.expiresAtSecond()) {
            tokens.remove(token);
            return Uni.createFrom().nullItem();
        }
        REUSED.increment();
        return Uni.createFrom().item(verified.identity(HttpSecurityUtils.getRoutingContextAttribute(request)));
    }

    /** Remembers a bearer token OIDC has just verified. */
    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        remember(identity);
        return Uni.createFrom().item(identity);
    }

    void remember(SecurityIdentity identity) {
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (capacity == 0 || credential == null || credential.getToken() == null
                || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0
                || tokens.containsKey(credential.getToken())) {
            return;
        }
        if (tokens.size() >= capacity) {
            tokens.clear();
        }
        tokens.put(credential.getToken(), Verified.of(identity, jwt));
    }
}
