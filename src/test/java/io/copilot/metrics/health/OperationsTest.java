package io.copilot.metrics.health;

import static io.copilot.metrics.testsupport.ApiFixture.INITECH;
import static io.copilot.metrics.testsupport.ApiFixture.INITECH_OWNER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.ApiFixture;
import io.copilot.metrics.testsupport.GraphQLClient;
import io.copilot.metrics.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** What operators and their probes see: health, Prometheus metrics, no dev-only endpoints. */
@QuarkusTest
class OperationsTest {

    @BeforeAll
    static void loadFixture() throws SQLException {
        ApiFixture.load();
    }

    @Test
    void readinessCoversTheDatabaseAndTheMigrations() {
        JsonPath health = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(health.getString("status")).isEqualTo("UP");
        List<String> checks = health.getList("checks.name", String.class);
        assertThat(checks).contains("database migrations", "Reactive PostgreSQL connections health check");
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void prometheusMetricsIncludeGraphQLTimingsAndPoolUsage() {
        GraphQLClient.data(Tokens.forUser(INITECH_OWNER, INITECH), "costByTenant", GraphQLClient.range());
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("mp_graphql_seconds_count{name=\"costByTenant\"")
                .contains("sql_pool_usage_seconds_count");
    }

    @Test
    void devTokenEndpointIsAbsentOutsideDevBuilds() {
        given().get("/dev/token?user=alice").then().statusCode(404);
        assertThat(GraphQLClient.post(null, "me", Map.of(), Map.of()).statusCode()).isEqualTo(401);
    }
}
