package io.copilot.metrics.api;

import static io.copilot.metrics.testsupport.ApiErrors.assertNoInternals;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.copilot.metrics.testsupport.ApiFixture;
import io.copilot.metrics.testsupport.GraphQLClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Requests an attacker would send: each gets a coded answer naming what is wrong, never INTERNAL or a 5xx. */
@QuarkusTest
@ExtendWith(ApiFixture.class)
class HostileInputTest {

    private final String token = ApiFixture.initechOwner();

    @Test
    void integersBeyond32BitsAreRefusedNotWrapped() {
        assertBadInput(GraphQLClient.failure(token, "allCostsHugeFirst", Map.of(), Map.of()), "first");
        assertBadInput(GraphQLClient.failure(ApiFixture.platformAdmin(), "topSpendingHugeLimit", Map.of(), Map.of()),
                "limit");
        assertBadInput(GraphQLClient.failure(token, "allCosts", Map.of("first", 2147483648L), Map.of()), "first");
        assertBadInput(GraphQLClient.failure(token, "allCosts", Map.of("first", -4294967296L), Map.of()), "first");
    }

    @Test
    void instantsOutsideTheSupportedYearsAreRefused() {
        for (String instant : List.of("+5000000-01-01T00:00:00Z", "2200-01-01T00:00:01Z", "1969-12-31T23:59:59Z")) {
            Map<String, Object> variables = new HashMap<>(Map.of("from", "2020-01-01T00:00:00Z", "to", instant,
                    "timeZone", "Europe/Berlin"));
            if (instant.startsWith("1969")) {
                variables.put("from", instant);
                variables.put("to", "2020-01-01T00:00:00Z");
            }
            assertBadInput(GraphQLClient.failure(token, "costSeries", variables, Map.of()),
                    instant.startsWith("1969") ? "from" : "to");
        }
        assertBadInput(GraphQLClient.failure(token, "allCosts",
                Map.of("filter", Map.of("to", "+5000000-01-01T00:00:00Z")), Map.of()), "filter.to");
    }

    @Test
    void aSeriesOfTooManyBucketsIsRefused() {
        assertBadInput(GraphQLClient.failure(token, "costSeries", Map.of("granularity", "HOUR",
                "from", "2016-01-01T00:00:00Z", "to", "2026-01-01T00:00:00Z"), Map.of()), "HOUR");
    }

    @Test
    void controlCharactersAndOverlongStringsAreRefused() {
        assertBadInput(GraphQLClient.failure(token, "allCosts", Map.of("filter", Map.of("provider", "open\0ai")),
                Map.of()), "filter.provider");
        assertBadInput(GraphQLClient.failure(token, "allCosts", Map.of("filter", Map.of("model", "m".repeat(5000))),
                Map.of()), "filter.model");
    }

    @Test
    void offsetTimeZonesOfEitherSignAreRefused() {
        for (String zone : List.of("+05:00", "-05:00", "UTC+05:30", "GMT-03:00")) {
            Map<String, Object> variables = new HashMap<>(GraphQLClient.range());
            variables.put("timeZone", zone);
            assertBadInput(GraphQLClient.failure(token, "costSeries", variables, Map.of()), "timeZone");
        }
    }

    @Test
    void cursorsThisServiceDidNotSignAreRefused() {
        String genuine = GraphQLClient.data(token, "allCosts", Map.of("first", 1))
                .getString("data.allCosts.pageInfo.endCursor");
        String payload = genuine.substring(0, genuine.indexOf('.'));
        String plain = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        String shifted = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(plain.replaceFirst("^\\d", "9").getBytes(StandardCharsets.UTF_8));

        for (String forged : List.of(shifted + genuine.substring(genuine.indexOf('.')), payload,
                Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8)))) {
            assertBadInput(GraphQLClient.failure(token, "allCosts", Map.of("after", forged), Map.of()), "after");
        }
        assertThat(GraphQLClient.data(token, "allCosts", Map.of("first", 1, "after", genuine))
                .getList("data.allCosts.edges")).hasSize(1);
    }

    @Test
    void messagesAreInPlainWordsAndEchoLittle() {
        JsonPath wrongType = GraphQLClient.failure(token, "allCostsHugeFirst", Map.of(), Map.of());
        assertThat(wrongType.getString("errors[0].message")).doesNotContain("IntValue").doesNotContain("Validation error (");

        JsonPath longHeader = GraphQLClient.failure(token, "costByTenant", Map.of(),
                Map.of("X-Tenant-Id", "x".repeat(8000)));
        assertThat(longHeader.getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
        assertThat(longHeader.getString("errors[0].message")).hasSizeLessThan(200);

        JsonPath badDate = GraphQLClient.failure(token, "costByTenant", Map.of("from", "yesterday"), Map.of());
        assertThat(badDate.getList("errors")).as(badDate.prettify()).hasSize(1);
        assertThat(badDate.getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
        assertNoInternals(badDate);
    }

    @Test
    void eachRootFieldCostsItsStatementSoAliasesCannotFanOut() {
        JsonPath json = GraphQLClient.failure(token, "manyAggregates", Map.of(), Map.of());
        assertThat(json.getString("errors[0].message")).containsIgnoringCase("complex");
        assertThat(json.getString("errors[0].extensions.code")).isEqualTo("GRAPHQL_VALIDATION_FAILED");
        assertThat(json.getString("data")).isNull();
    }

    @Test
    void malformedRequestBodiesAre400WithACode() {
        for (String body : List.of("{\"query\":\"{ me { subject } }\",\"variables\":\"{}\"}",
                "{\"query\":\"{ me { subject } }\",\"variables\":7}",
                "{\"query\":\"{ me { subject } }\",\"variables\":[]}",
                "{\"query\":\"{ me { subject } }\",\"operationName\":5}",
                "{\"query\":\"{ me { subject } }\",\"variables\":{\"a\":" + "[".repeat(1200) + "]".repeat(1200) + "}}",
                "{\"query\": ")) {
            Response response = raw(ContentType.JSON, body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("BAD_REQUEST");
        }
        Response form = given().header("Authorization", "Bearer " + token).contentType(ContentType.URLENC)
                .formParam("query", "{ me { subject } }").post("/graphql");
        assertThat(form.statusCode()).isEqualTo(400);
        assertThat(form.jsonPath().getString("errors[0].extensions.code")).isEqualTo("BAD_REQUEST");
    }

    @Test
    void aQueryThatIsNotGraphQLIs400WithACode() {
        Response response = raw(ContentType.JSON, "{\"query\":\"{ costSeries(timeZone: \\\"x) { start } }\"}");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("GRAPHQL_PARSE_FAILED");
        assertThat(response.asString()).doesNotContain("Exception");
    }

    @Test
    void authenticationComesBeforeTheShapeCheck() {
        assertThat(given().contentType(ContentType.JSON).body("{\"query\": 5}").post("/graphql").statusCode())
                .isEqualTo(401);
    }

    @Test
    void otherMethodsThanGetAndPostAre405() {
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            Response response = given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                    .body("{\"query\":\"{ me { subject } }\"}").request(method, "/graphql");
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.header("Allow")).contains("POST");
            assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("METHOD_NOT_ALLOWED");
        }
    }

    private Response raw(ContentType type, String body) {
        return given().header("Authorization", "Bearer " + token).contentType(type).body(body).post("/graphql");
    }

    private static void assertBadInput(JsonPath json, String argument) {
        assertThat(json.getString("errors[0].extensions.code")).as(json.prettify()).isEqualTo("BAD_USER_INPUT");
        assertThat(json.getString("errors[0].message")).contains(argument);
        assertNoInternals(json);
    }
}
