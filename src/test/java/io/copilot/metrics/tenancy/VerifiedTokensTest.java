package io.copilot.metrics.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.vertx.ext.web.RoutingContext;

/** What the cache of verified tokens hands out, and for how long (the HTTP side: AuthenticationTest). */
class VerifiedTokensTest {

    private static final long EXPIRY = 1_900_000_000L;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.ofEpochSecond(EXPIRY - 60));
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    @Test
    void aRememberedTokenGetsItsIdentityUntilItsExpiryOnly() {
        VerifiedTokens tokens = new VerifiedTokens(10, clock);
        tokens.remember(verified("token-a", request(), EXPIRY));

        SecurityIdentity again = tokens.authenticate(request("token-a", request()), null).await().indefinitely();
        assertThat(again.getPrincipal().getName()).isEqualTo("alice");
        assertThat(again.getRoles()).containsExactly("user");
        assertThat(again.<Long> getAttribute("quarkus.identity.expire-time")).isEqualTo(EXPIRY);
        assertThat(again.getCredential(AccessTokenCredential.class).getToken()).isEqualTo("token-a");

        now.set(Instant.ofEpochSecond(EXPIRY));
        assertThat(tokens.authenticate(request("token-a", request()), null).await().indefinitely())
                .as("expired: OIDC decides (and refuses)").isNull();
        assertThat(tokens.authenticate(request("token-b", request()), null).await().indefinitely())
                .as("never verified").isNull();
    }

    @Test
    void attributesOidcLeftNullAreLeftOut() {
        VerifiedTokens tokens = new VerifiedTokens(10, clock);
        SecurityIdentity withNull = QuarkusSecurityIdentity.builder(verified("token-a", request(), EXPIRY))
                .addAttribute("userinfo", null).build();
        tokens.remember(withNull);

        SecurityIdentity again = tokens.authenticate(request("token-a", request()), null).await().indefinitely();
        assertThat(again.getAttributes()).doesNotContainKey("userinfo")
                .containsEntry("quarkus.identity.expire-time", EXPIRY);
    }

    @Test
    void theIdentityHoldsTheCurrentRequestNeverTheOneThatVerifiedTheToken() {
        VerifiedTokens tokens = new VerifiedTokens(10, clock);
        RoutingContext first = request();
        tokens.remember(verified("token-a", first, EXPIRY));

        RoutingContext second = request();
        SecurityIdentity again = tokens.authenticate(request("token-a", second), null).await().indefinitely();
        assertThat(again.<RoutingContext> getAttribute(RoutingContext.class.getName())).isSameAs(second);
        assertThat(again.getAttributes().values()).doesNotContain(first);
    }

    @Test
    void aFullCacheForgetsEverythingAndNoneRemembersNothing() {
        VerifiedTokens small = new VerifiedTokens(2, clock);
        for (String token : new String[] { "token-a", "token-b", "token-c" }) {
            small.remember(verified(token, request(), EXPIRY));
        }
        assertThat(small.authenticate(request("token-a", request()), null).await().indefinitely()).isNull();
        assertThat(small.authenticate(request("token-c", request()), null).await().indefinitely()).isNotNull();

        VerifiedTokens none = new VerifiedTokens(0, clock);
        none.remember(verified("token-a", request(), EXPIRY));
        assertThat(none.authenticate(request("token-a", request()), null).await().indefinitely()).isNull();
    }

    /** An identity as OIDC builds one for a verified bearer token, holding the request that verified it. */
    private static SecurityIdentity verified(String token, RoutingContext http, long expiry) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("alice");
        claims.setClaim("upn", "alice");
        claims.setExpirationTime(NumericDate.fromSeconds(expiry));
        return QuarkusSecurityIdentity.builder().setPrincipal(new DefaultJWTCallerPrincipal(token, claims))
                .addRole("user").addCredential(new AccessTokenCredential(token))
                .addAttribute("quarkus.identity.expire-time", expiry)
                .addAttribute(RoutingContext.class.getName(), http).build();
    }

    private static TokenAuthenticationRequest request(String token, RoutingContext http) {
        TokenAuthenticationRequest request = new TokenAuthenticationRequest(new AccessTokenCredential(token));
        HttpSecurityUtils.setRoutingContextAttribute(request, http);
        return request;
    }

    /** A request object of its own identity (the cache only stores and compares it). */
    private static RoutingContext request() {
        return (RoutingContext) Proxy.newProxyInstance(VerifiedTokensTest.class.getClassLoader(),
                new Class<?>[] { RoutingContext.class }, (proxy, method, arguments) -> switch (method.getName()) {
                    case "equals" -> proxy == arguments[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "request";
                    default -> null;
                });
    }
}
