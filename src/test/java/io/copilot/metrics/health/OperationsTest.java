package io.copilot.metrics.health;

import static io.copilot.metrics.testsupport.ApiFixture.INITECH;
import static io.copilot.metrics.testsupport.ApiFixture.INITECH_OWNER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.ApiFixture;
import io.copilot.metrics.testsupport.GraphQLClient;
import io.copilot.metrics.testsupport.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * What operators and their probes see: health and Prometheus metrics on the management port
 * only, no dev-only endpoints.
 */
@QuarkusTest
class OperationsTest {

    // relative to the management interface's root (/q)
    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "health/live", management = true)
    URL liveness;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @BeforeAll
    static void loadFixture() throws SQLException {
        ApiFixture.load();
    }

    @Test
    void readinessCoversTheDatabaseAndTheMigrations() {
        JsonPath health = given().get(readiness).then().extract().jsonPath();
        assertThat(health.getString("status")).as(health.prettify()).isEqualTo("UP");
        List<String> checks = health.getList("checks.name", String.class);
        assertThat(checks).contains("database migrations", "database", "identity provider");
        given().get(liveness).then().statusCode(200);
    }

    @Test
    void prometheusMetricsIncludeGraphQLTimingsAndPoolUsage() {
        GraphQLClient.data(Tokens.forUser(INITECH_OWNER, INITECH), "costByTenant", GraphQLClient.range());
        String exposition = given().get(metrics).then().statusCode(200).extract().asString();
        // SmallRye's Micrometer timer per root field, recorded by api.DirectRootFetchers in its place
        Matcher timed = Pattern.compile("mp_graphql_seconds_count\\{name=\"costByTenant\",source=\"false\","
                + "type=\"QUERY\"} ([0-9.]+)").matcher(exposition);
        assertThat(timed.find()).as(exposition).isTrue();
        assertThat(Double.parseDouble(timed.group(1))).isGreaterThanOrEqualTo(1);
        assertThat(exposition).contains("sql_pool_usage_seconds_count");
    }

    @Test
    void thePublicPortServesNeitherHealthNorMetrics() {
        for (String path : List.of("/q/metrics", "/q/health", "/q/health/ready")) {
            assertThat(given().get(path).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void devTokenEndpointIsAbsentOutsideDevBuilds() {
        given().get("/dev/token?user=alice").then().statusCode(404);
        assertThat(GraphQLClient.post(null, "me", Map.of(), Map.of()).statusCode()).isEqualTo(401);
    }
}
