package io.copilot.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;

class GraphQLRequestGateTest {

    private static final String JSON = "application/json";

    @Test
    void aWellShapedRequestPasses() {
        assertThat(GraphQLRequestGate.problem(JSON, body("{\"query\":\"{ me { subject } }\"}"))).isEmpty();
        assertThat(GraphQLRequestGate.problem("application/json; charset=UTF-8", body(
                "{\"query\":\"q\",\"variables\":{\"a\":[1,{\"b\":\"}}}}\"}]},\"operationName\":null}"))).isEmpty();
        assertThat(GraphQLRequestGate.problem("application/graphql", body("{ me { subject } }"))).isEmpty();
        assertThat(GraphQLRequestGate.problem(JSON, body("{\"query\":\"q\",\"variables\":null,\"extensions\":null}")))
                .isEmpty();
    }

    @Test
    void theRequestIsHandedOnAsParsedWithItsNumbersExact() {
        GraphQLRequestGate.Shape shape = GraphQLRequestGate.shape(JSON,
                body("{\"query\":\"q\",\"variables\":{\"limit\":0.1000000000000000055511151231257827}}"));
        assertThat(shape.request().getJsonObject("variables").getJsonNumber("limit").bigDecimalValue())
                .isEqualByComparingTo("0.1000000000000000055511151231257827");
        assertThat(GraphQLRequestGate.shape("application/graphql", body("{ me { subject } }")).request()
                .getString("query")).isEqualTo("{ me { subject } }");
    }

    @Test
    void everyOtherShapeIsNamed() {
        assertThat(GraphQLRequestGate.problem(JSON, body("{\"query\":\"q\",\"variables\":\"{}\"}")))
                .hasValueSatisfying(problem -> assertThat(problem).contains("\"variables\""));
        assertThat(GraphQLRequestGate.problem(JSON, body("{\"query\":\"q\",\"variables\":[1]}"))).isPresent();
        assertThat(GraphQLRequestGate.problem(JSON, body("{\"query\":\"q\",\"variables\":7}"))).isPresent();
        assertThat(GraphQLRequestGate.problem(JSON, body("{\"query\":\"q\",\"operationName\":5}")))
                .hasValueSatisfying(problem -> assertThat(problem).contains("\"operationName\""));
        assertThat(GraphQLRequestGate.problem(JSON, body("{\"query\":5}"))).isPresent();
        assertThat(GraphQLRequestGate.problem(JSON, body("[]"))).isPresent();
        assertThat(GraphQLRequestGate.problem(JSON, body("{\"query\":"))).hasValue("The request body is not valid JSON");
        assertThat(GraphQLRequestGate.problem(JSON, body("{\"query\":\"q\"} {\"query\":\"q\"}")))
                .hasValue("The request body is not valid JSON");
        assertThat(GraphQLRequestGate.problem(JSON, body("{\"query\":\"line\nbreak\"}")))
                .hasValue("The request body is not valid JSON");
        assertThat(GraphQLRequestGate.problem(JSON, body(""))).isPresent();
        assertThat(GraphQLRequestGate.problem("application/x-www-form-urlencoded", body("query=x"))).isPresent();
        assertThat(GraphQLRequestGate.problem(null, body("{\"query\":\"q\"}"))).isPresent();
    }

    @Test
    void deepNestingIsRefusedBeforeParsing() {
        String deep = "{\"query\":\"q\",\"variables\":{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}}";
        assertThat(GraphQLRequestGate.nesting(body(deep))).isEqualTo(5002);
        assertThat(GraphQLRequestGate.problem(JSON, body(deep)))
                .hasValueSatisfying(problem -> assertThat(problem).contains("nested"));
        assertThat(GraphQLRequestGate.nesting(body("{\"s\":\"[[[[\\\"[[\"}"))).isEqualTo(1);
    }

    @Test
    void aQueryThatIsNotGraphQLIsNamedWithTheParsersWordsAndNothingMore() {
        GraphQLRequestGate gate = new GraphQLRequestGate();
        assertThat(gate.syntaxError("{ me { subject } }")).isEmpty();
        assertThat(gate.syntaxError("{ me { subject } }")).as("remembered").isEmpty();
        assertThat(gate.syntaxError("{ costSeries(timeZone: \"unterminated) { start } }"))
                .hasValueSatisfying(words -> assertThat(words).containsIgnoringCase("syntax").hasSizeLessThan(260)
                        .doesNotContain("Exception"));
        assertThat(gate.syntaxError("query { " + "x".repeat(5000) + "\u0000 }"))
                .hasValueSatisfying(words -> assertThat(words).hasSizeLessThan(260).doesNotContain("\u0000"));
    }

    private static Buffer body(String text) {
        return Buffer.buffer(text);
    }
}
