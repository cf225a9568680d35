package io.copilot.metrics.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.copilot.metrics.testsupport.ApiFixture;
import io.copilot.metrics.testsupport.GraphQLClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A document is parsed and validated once, then served from SmallRye's query cache (parses are
 * counted by copilot_metrics_graphql_documents_parsed). That the depth and cost bounds still hold
 * for a cached document, BadInputTest checks by asking twice.
 */
@QuarkusTest
@ExtendWith(ApiFixture.class)
class QueryCacheTest {

    private static final Pattern PARSED = Pattern.compile("^copilot_metrics_graphql_documents_parsed_total (\\S+)$",
            Pattern.MULTILINE);

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void aRepeatedDocumentIsNotParsedAgain() {
        String token = ApiFixture.initechOwner();
        GraphQLClient.data(token, "tenantTotalCosts", GraphQLClient.range());
        double afterFirst = parsed();
        for (int i = 0; i < 5; i++) {
            GraphQLClient.data(token, "tenantTotalCosts", GraphQLClient.range());
        }
        assertThat(parsed()).as("documents parsed by five repeats").isEqualTo(afterFirst);

        // a document no other test sent: an alias of its own
        String fresh = "{ probe" + UUID.randomUUID().toString().replace("-", "") + ": me { subject } }";
        given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(Map.of("query", fresh)).post("/graphql").then().statusCode(200);
        assertThat(parsed()).as("a new document is parsed").isGreaterThan(afterFirst);
    }

    private double parsed() {
        Matcher counter = PARSED.matcher(given().get(metrics).then().statusCode(200).extract().asString());
        assertThat(counter.find()).as("the parse counter is exposed").isTrue();
        return Double.parseDouble(counter.group(1));
    }
}
