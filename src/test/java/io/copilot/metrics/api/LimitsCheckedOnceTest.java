package io.copilot.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.smallrye.graphql.execution.QueryCache;

class LimitsCheckedOnceTest {

    private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(
            new SchemaParser().parse("type Query { node: Node } type Node { name: String child: Node }"),
            RuntimeWiring.newRuntimeWiring().type("Query", type -> type.dataFetcher("node", env -> tree(6))).build());

    private final LimitsCheckedOnce depthChecks = new LimitsCheckedOnce();
    private final LimitsCheckedOnce complexityChecks = new LimitsCheckedOnce();
    /** As the service runs: documents parsed once (SmallRye's cache), depth 3, complexity 6. */
    private final GraphQL graphQL = graphQL();

    @Test
    void anOperationWithinTheLimitsIsWalkedOnceItsDocumentComesFromTheCache() {
        // the first request parses its own copy; from the second on, SmallRye's cache hands out one
        String document = "{ node { child { name } } }";
        assertThat(run(document, Map.of()).getErrors()).isEmpty();
        assertThat(run(document, Map.of()).getErrors()).isEmpty();
        long depthWalks = depthChecks.walks.get();
        long complexityWalks = complexityChecks.walks.get();
        for (int i = 0; i < 5; i++) {
            assertThat(run(document, Map.of()).getErrors()).isEmpty();
        }
        assertThat(depthChecks.walks).hasValue(depthWalks);
        assertThat(complexityChecks.walks).hasValue(complexityWalks);
        assertThat(depthWalks).isLessThanOrEqualTo(2);
    }

    @Test
    void oneOverALimitIsRefusedEveryTime() {
        for (int i = 0; i < 3; i++) {
            assertThat(run("{ node { child { child { child { name } } } } }", Map.of()).getErrors()).singleElement()
                    .satisfies(error -> assertThat(error.getMessage()).contains("maximum query depth exceeded"));
        }
        assertThat(depthChecks.walks).hasValue(3);
    }

    @Test
    void variablesThatChangeWhatRunsAreCheckedForEachValue() {
        String document = "query Deep($deep: Boolean!) { node { child { child @include(if: $deep) { child { name } } "
                + "name } } }";
        assertThat(run(document, Map.of("deep", false)).getErrors()).isEmpty();
        assertThat(run(document, Map.of("deep", false)).getErrors()).isEmpty();
        long walks = depthChecks.walks.get();
        assertThat(run(document, Map.of("deep", false)).getErrors()).isEmpty();
        assertThat(depthChecks.walks).as("shallow: remembered").hasValue(walks);
        for (int i = 0; i < 2; i++) {
            assertThat(run(document, Map.of("deep", true)).getErrors()).singleElement()
                    .satisfies(error -> assertThat(error.getMessage()).contains("maximum query depth exceeded"));
        }
        assertThat(depthChecks.walks).as("deep: walked, and refused, each time").hasValue(walks + 2);
    }

    @Test
    void complexityIsStillCounted() {
        assertThat(run("{ a: node { name } b: node { name } c: node { name } d: node { name } }", Map.of())
                .getErrors()).singleElement()
                .satisfies(error -> assertThat(error.getMessage()).contains("maximum query complexity exceeded"));
    }

    private ExecutionResult run(String document, Map<String, Object> variables) {
        return graphQL.execute(ExecutionInput.newExecutionInput(document).variables(variables).build());
    }

    private GraphQL graphQL() {
        QueryCache cache = new QueryCache();
        return GraphQL.newGraphQL(SCHEMA).preparsedDocumentProvider(cache).instrumentation(OperationInstrumentation.of(
                List.of(cache, LimitsCheckedOnce.depth(3, depthChecks), LimitsCheckedOnce.complexity(6,
                        GraphQLEngine.fieldCost(1), complexityChecks)))).build();
    }

    private static Map<String, Object> tree(int depth) {
        return depth == 0 ? Map.of("name", "leaf") : Map.of("name", "n" + depth, "child", tree(depth - 1));
    }
}
