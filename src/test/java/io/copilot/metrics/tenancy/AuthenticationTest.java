package io.copilot.metrics.tenancy;

import static io.copilot.metrics.testsupport.ApiFixture.INITECH;
import static io.copilot.metrics.testsupport.ApiFixture.INITECH_OWNER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.copilot.metrics.testsupport.ApiFixture;

import io.copilot.metrics.testsupport.GraphQLClient;
import io.copilot.metrics.testsupport.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** From the attacker's side: no valid token, no GraphQL; no tenant, no data. */
@QuarkusTest
@ExtendWith(ApiFixture.class)
class AuthenticationTest {

    private static final Pattern REUSED = Pattern.compile("^copilot_metrics_verified_tokens_reused_total (\\S+)$",
            Pattern.MULTILINE);

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void missingTokenIsRefusedBeforeGraphQLRuns() {
        assertThat(GraphQLClient.post(null, "costByTenant", GraphQLClient.range(), Map.of()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void everyBrokenTokenIsRefused() {
        Map<String, String> broken = Map.of(
                "expired", Tokens.expired(INITECH_OWNER, INITECH),
                "wrongly signed", Tokens.wronglySigned(INITECH_OWNER, INITECH),
                "alg none", Tokens.unsigned(INITECH_OWNER, INITECH),
                "wrong issuer", Tokens.wrongIssuer(INITECH_OWNER, INITECH),
                "wrong audience", Tokens.wrongAudience(INITECH_OWNER, INITECH),
                "not a JWT", "definitely-not-a-token");
        broken.forEach((what, token) -> assertThat(
                GraphQLClient.post(token, "costByTenant", GraphQLClient.range(), Map.of()).statusCode())
                .as(what).isEqualTo(401));
    }

    @Test
    void aValidTokenIsAccepted() {
        JsonPath json = GraphQLClient.data(Tokens.forUser(INITECH_OWNER, INITECH), "me", Map.of());
        assertThat(json.getString("data.me.subject")).isEqualTo(INITECH_OWNER.toString());
        assertThat(json.getString("data.me.tenantId")).isEqualTo(INITECH.toString());
    }

    @Test
    void aVerifiedTokenIsReusedUntilItExpiresThenRefused() throws InterruptedException {
        String token = Tokens.expiringIn(INITECH_OWNER, INITECH, 3);
        long expiry = System.currentTimeMillis() / 1000 + 3;
        assertThat(GraphQLClient.data(token, "me", Map.of()).getString("data.me.subject"))
                .isEqualTo(INITECH_OWNER.toString());
        double reusedAfterFirst = reusedVerifications();
        for (int i = 0; i < 2; i++) {
            assertThat(GraphQLClient.data(token, "me", Map.of()).getString("data.me.subject"))
                    .isEqualTo(INITECH_OWNER.toString());
        }
        assertThat(reusedVerifications() - reusedAfterFirst).as("verified once, then reused").isEqualTo(2);

        while (System.currentTimeMillis() / 1000 <= expiry) {
            Thread.sleep(200);
        }
        assertThat(GraphQLClient.post(token, "me", Map.of(), Map.of()).statusCode()).as("expired since").isEqualTo(401);
    }

    @Test
    void aKnownTokenWithAnotherSignatureIsRefused() {
        String token = Tokens.forUser(INITECH_OWNER, INITECH);
        assertThat(GraphQLClient.data(token, "me", Map.of()).getString("data.me.subject"))
                .isEqualTo(INITECH_OWNER.toString());
        int inSignature = token.lastIndexOf('.') + 10;
        String forged = token.substring(0, inSignature) + (token.charAt(inSignature) == 'A' ? 'B' : 'A')
                + token.substring(inSignature + 1);
        assertThat(GraphQLClient.post(forged, "me", Map.of(), Map.of()).statusCode()).isEqualTo(401);
    }

    private double reusedVerifications() {
        Matcher counter = REUSED.matcher(given().get(metrics).then().statusCode(200).extract().asString());
        assertThat(counter.find()).as("the reuse counter is exposed").isTrue();
        return Double.parseDouble(counter.group(1));
    }

    @Test
    void schemaIsPublic() {
        String sdl = given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        assertThat(sdl).contains("costByTenant").contains("allCosts");
    }

    @Test
    void tokenWithoutTenantIsForbiddenAndRunsNoQuery() {
        JsonPath json = GraphQLClient.failure(Tokens.withoutTenant(INITECH_OWNER), "costByTenant",
                GraphQLClient.range(), Map.of());
        assertThat(json.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        assertThat(json.getString("data.costByTenant")).isNull();
    }
}
