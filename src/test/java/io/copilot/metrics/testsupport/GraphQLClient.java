package io.copilot.metrics.testsupport;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Posts the GraphQL documents under src/test/resources/graphql with a bearer token. Numbers
 * come back as BigDecimal so money is compared exactly.
 */
public final class GraphQLClient {

    private static final RestAssuredConfig EXACT_NUMBERS = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));

    private GraphQLClient() {
    }

    /** The raw HTTP response; token may be null for an anonymous call. */
    public static Response post(String token, String document, Map<String, ?> variables, Map<String, String> headers) {
        return post(null, token, document, variables, headers);
    }

    /** The same against a service at {@code baseUri}; null means the Quarkus test application. */
    public static Response post(String baseUri, String token, String document, Map<String, ?> variables,
            Map<String, String> headers) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", OwnerDatabase.resource("graphql/" + document + ".graphql"));
        body.put("variables", variables);
        RequestSpecification request = given().config(EXACT_NUMBERS).contentType(ContentType.JSON).body(body);
        if (baseUri != null) {
            request.baseUri(baseUri).port(-1);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return request.post("/graphql");
    }

    /** The response body of a call that must succeed: HTTP 200 and no GraphQL errors. */
    public static JsonPath data(String token, String document, Map<String, ?> variables) {
        return data(token, document, variables, Map.of());
    }

    public static JsonPath data(String token, String document, Map<String, ?> variables, Map<String, String> headers) {
        Response response = post(token, document, variables, headers);
        response.then().statusCode(200);
        JsonPath json = response.jsonPath(JsonPathConfig.jsonPathConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        if (json.get("errors") != null) {
            throw new AssertionError("GraphQL errors: " + response.asString());
        }
        return json;
    }

    /** The response body of a call expected to fail with GraphQL errors (HTTP 200). */
    public static JsonPath failure(String token, String document, Map<String, ?> variables,
            Map<String, String> headers) {
        Response response = post(token, document, variables, headers);
        response.then().statusCode(200);
        return response.jsonPath();
    }

    /** The rows of a list in the response, indexed by one of their fields. */
    public static Map<String, Map<String, Object>> byKey(JsonPath json, String listPath, String key) {
        List<Map<String, Object>> rows = json.getList(listPath);
        Map<String, Map<String, Object>> index = new HashMap<>();
        rows.forEach(row -> index.put(String.valueOf(row.get(key)), row));
        return index;
    }

    public static Map<String, Object> range() {
        return Map.of("from", ApiFixture.FROM, "to", ApiFixture.TO);
    }
}
