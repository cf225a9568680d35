package io.copilot.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphqlErrorBuilder;
import graphql.execution.ResultPath;
import io.smallrye.graphql.execution.ExecutionResponse;

/** The answer written directly must be the one SmallRye's JSON-P tree writes, value for value. */
class GraphQLResponseJsonTest {

    /** Numbers kept exactly as written (a decimal's scale included), so "1.50" and "1.5" differ. */
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    enum Kind {
        LLM
    }

    @Test
    void everyKindOfGraphQLValueIsWrittenAsSmallRyeWritesIt() throws Exception {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", "4b0c5c1e-1d7f-4a8e-9f5a-2f1d3f0b6c11");
        record.put("text", "quote \" backslash \\ newline \n tab \t nul \u0000 bell \u0007 é ü 漢 😀 </script>");
        record.put("cost", new BigDecimal("12345678901234567890.1234567890"));
        record.put("scaled", new BigDecimal("1E+3"));
        record.put("trailingZeros", new BigDecimal("1.500"));
        record.put("ratio", 0.1);
        record.put("large", 1.0e20);
        record.put("tiny", 3.0e-9);
        record.put("single", 2.5f);
        record.put("count", 42);
        record.put("total", 9_007_199_254_740_993L);
        record.put("huge", new BigInteger("123456789012345678901234567890"));
        record.put("flag", true);
        record.put("missing", null);
        record.put("kind", Kind.LLM);
        record.put("tags", Arrays.asList("a", null, "b"));
        record.put("empty", List.of());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("allCosts", Map.of("edges", List.of(Map.of("node", record)), "pageInfo",
                Map.of("hasNextPage", false)));
        data.put("nothing", null);

        assertSameAnswer(ExecutionResultImpl.newExecutionResult().data(data).build());
    }

    @Test
    void errorsComeFirstWordedBySmallRyeAndDataMayBeNull() throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("costSeries", null);
        data.put("me", Map.of("subject", "alice"));
        List<graphql.GraphQLError> errors = new ArrayList<>();
        errors.add(GraphqlErrorBuilder.newError().message("No such time zone: \"Mars/Olympus\"")
                .path(ResultPath.parse("/costSeries")).extensions(Map.of("code", "BAD_USER_INPUT")).build());
        errors.add(GraphqlErrorBuilder.newError().message("second").build());

        assertSameAnswer(ExecutionResultImpl.newExecutionResult().data(data).errors(errors).build());
        assertSameAnswer(ExecutionResultImpl.newExecutionResult().errors(errors).build());
    }

    @Test
    void aResultWithExtensionsOrAnUnknownValueIsLeftToSmallRye() throws Exception {
        assertThat(GraphQLResponseJson.write(ExecutionResultImpl.newExecutionResult().data(Map.of("a", 1))
                .extensions(Map.of("tracing", Map.of())).build(), new ByteArrayOutputStream())).isFalse();
        assertThat(GraphQLResponseJson.write(ExecutionResultImpl.newExecutionResult()
                .data(Map.of("a", new Object())).build(), new ByteArrayOutputStream())).isFalse();
    }

    private static void assertSameAnswer(ExecutionResult result) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(GraphQLResponseJson.write(result, out)).isTrue();
        String direct = out.toString(StandardCharsets.UTF_8);
        String smallRye = new ExecutionResponse(result).getExecutionResultAsString();
        JsonNode directTree = EXACT.readTree(direct);
        assertThat(directTree).isEqualTo(EXACT.readTree(smallRye));
        assertThat(fieldNames(directTree)).isEqualTo(fieldNames(EXACT.readTree(smallRye)));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
