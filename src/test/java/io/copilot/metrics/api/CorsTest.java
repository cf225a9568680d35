package io.copilot.metrics.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.copilot.metrics.testsupport.ApiFixture;
import io.copilot.metrics.testsupport.OwnerDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A dashboard on its own origin (the test profile allows https://dashboard.example.com) calls
 * the API from the browser: its preflight is answered without a token, its calls carry the CORS
 * headers; another origin is refused.
 */
@QuarkusTest
@ExtendWith(ApiFixture.class)
class CorsTest {

    private static final String DASHBOARD = "https://dashboard.example.com";

    @Test
    void thePreflightOfAnAllowedOriginIsAnsweredWithoutAToken() {
        Response preflight = preflight(DASHBOARD);

        assertThat(preflight.statusCode()).isBetween(200, 204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(DASHBOARD);
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(preflight.header("Access-Control-Allow-Headers").toLowerCase())
                .contains("authorization").contains("content-type").contains("x-tenant-id");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isNotEqualTo("true");
        assertThat(preflight.header("Access-Control-Max-Age")).isNotBlank();
    }

    @Test
    void theCallItselfCarriesTheCorsHeadersAndStillNeedsItsToken() {
        Response call = given().header("Origin", DASHBOARD).header("Authorization", "Bearer " + ApiFixture.initechOwner())
                .contentType("application/json")
                .body(Map.of("query", OwnerDatabase.resource("graphql/me.graphql"))).post("/graphql");
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.header("Access-Control-Allow-Origin")).isEqualTo(DASHBOARD);
        assertThat(call.jsonPath().getString("data.me.tenantId")).isEqualTo(ApiFixture.INITECH.toString());

        Response anonymous = given().header("Origin", DASHBOARD).contentType("application/json")
                .body(Map.of("query", "{ me { subject } }")).post("/graphql");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void anotherOriginGetsNoCorsHeaders() {
        Response preflight = preflight("https://evil.example.com");
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();

        Response call = given().header("Origin", "https://evil.example.com")
                .header("Authorization", "Bearer " + ApiFixture.initechOwner()).contentType("application/json")
                .body(Map.of("query", "{ me { subject } }")).post("/graphql");
        assertThat(call.header("Access-Control-Allow-Origin")).isNull();
    }

    private static Response preflight(String origin) {
        return given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,x-tenant-id")
                .options("/graphql");
    }
}
