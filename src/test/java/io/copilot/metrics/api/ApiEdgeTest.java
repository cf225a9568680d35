package io.copilot.metrics.api;

import static io.copilot.metrics.testsupport.ApiErrors.assertNoInternals;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.copilot.metrics.testsupport.ApiFixture;
import io.copilot.metrics.testsupport.GraphQLClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Every failure reaches the caller as an API error with a code: the SQLSTATE table row by row
 * through the real GraphQL stack ({@link FailureProbe}), a real database outage as UNAVAILABLE
 * with HTTP 503, and a bug as INTERNAL with a reference that is also in the log.
 */
@QuarkusTest
@TestProfile(ApiEdgeTest.DatabaseUnreachable.class)
class ApiEdgeTest {

    static final Path LOG = Path.of("target", "api-edge-test.log");

    public static class DatabaseUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Migrations still run (JDBC); only the service's reactive pool points nowhere.
            String nowhere = "postgresql://127.0.0.1:9/unreachable";
            return Map.of("quarkus.datasource.reactive.url", nowhere,
                    "%test.quarkus.datasource.reactive.url", nowhere,
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", LOG.toString());
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"22023, BAD_USER_INPUT, true", "23505, CONFLICT, false", "42501, FORBIDDEN, false",
            "P0002, NOT_FOUND, true", "CM001, QUOTA_EXCEEDED, true"})
    void sqlStatesReachTheCallerAsCodes(String sqlState, String code, boolean databasesWords) {
        Response response = probe(sqlState);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonPath json = response.jsonPath();
        assertThat(json.getString("errors[0].extensions.code")).isEqualTo(code);
        assertThat(json.getString("errors[0].message").equals(FailureProbe.MESSAGE)).isEqualTo(databasesWords);
        assertNoInternals(json);
    }

    @Test
    void aConnectionFailureIsUnavailableWithHttp503() {
        Response response = probe("08006");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isNotBlank();
        assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("UNAVAILABLE");
    }

    @Test
    void aRealOutageIsUnavailableRetryableAndSaysNothingOfTheDatabase() {
        Response response = GraphQLClient.post(ApiFixture.initechOwner(), "costByTenant", GraphQLClient.range(),
                Map.of());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isNotBlank();
        JsonPath json = response.jsonPath();
        assertThat(json.getString("errors[0].extensions.code")).isEqualTo("UNAVAILABLE");
        assertThat(json.getString("errors[0].message")).doesNotContain("127.0.0.1").doesNotContain(":9");
        assertNoInternals(json);
    }

    @Test
    void aBugIsInternalWithACorrelationIdThatTheLogAlsoCarries() throws IOException {
        Response response = probe(null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonPath json = response.jsonPath();
        assertThat(json.getString("errors[0].extensions.code")).isEqualTo("INTERNAL");
        String message = json.getString("errors[0].message");
        assertThat(message).matches("Internal error; reference [0-9a-f-]{36}");
        assertNoInternals(json);

        String reference = message.substring(message.lastIndexOf(' ') + 1);
        assertThat(Files.readString(LOG)).contains("correlation id " + reference);
    }

    private static Response probe(String sqlState) {
        String query = sqlState == null ? "{ failureProbe }" : "{ failureProbe(sqlState: \"" + sqlState + "\") }";
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + ApiFixture.initechOwner())
                .body(Map.of("query", query)).post("/graphql");
    }
}
