package io.copilot.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentation;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.smallrye.graphql.execution.QueryCache;

class OperationInstrumentationTest {

    private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(
            new SchemaParser().parse("type Query { node: Node } type Node { name: String child: Node }"),
            RuntimeWiring.newRuntimeWiring()
                    .type("Query", type -> type.dataFetcher("node", env -> tree(5)))
                    .build());

    @Test
    void operationLevelMembersAreChainedWithoutPerFieldDispatch() {
        ChainedInstrumentation chain = OperationInstrumentation.of(List.of(
                new ChainedInstrumentation(List.of(new QueryCache())), new MaxQueryDepthInstrumentation(10),
                new MaxQueryComplexityInstrumentation(500), new SimplePerformantInstrumentation()));

        assertThat(chain).isInstanceOf(OperationInstrumentation.class);
        assertThat(chain.getInstrumentations()).as("nested chains flattened").hasSize(4);
        assertThat(chain.beginFieldFetch(null, null)).isNull();
    }

    @Test
    void theLimitsStillHoldThroughIt() {
        GraphQL graphQL = GraphQL.newGraphQL(SCHEMA).instrumentation(OperationInstrumentation.of(List.of(
                new MaxQueryDepthInstrumentation(3), new MaxQueryComplexityInstrumentation(500)))).build();

        assertThat(graphQL.execute("{ node { child { name } } }").getErrors()).isEmpty();
        ExecutionResult tooDeep = graphQL.execute("{ node { child { child { child { name } } } } }");
        assertThat(tooDeep.getErrors()).singleElement()
                .satisfies(error -> assertThat(error.getMessage()).contains("maximum query depth exceeded"));
    }

    @Test
    void aMemberThatWatchesFieldsGetsTheFullChainAndSeesEveryField() {
        List<String> fetched = new ArrayList<>();
        Instrumentation watcher = new SimpleInstrumentation() {
            @Override
            public InstrumentationContext<Object> beginFieldFetch(InstrumentationFieldFetchParameters parameters,
                    InstrumentationState state) {
                fetched.add(parameters.getExecutionStepInfo().getPath().toString());
                return super.beginFieldFetch(parameters, state);
            }
        };
        ChainedInstrumentation chain = OperationInstrumentation.of(List.of(new QueryCache(), watcher));

        assertThat(chain).isNotInstanceOf(OperationInstrumentation.class);
        GraphQL.newGraphQL(SCHEMA).instrumentation(chain).build().execute("{ node { name child { name } } }");
        assertThat(fetched).containsExactly("/node", "/node/name", "/node/child", "/node/child/name");
    }

    private static Map<String, Object> tree(int depth) {
        return depth == 0 ? Map.of("name", "leaf") : Map.of("name", "n" + depth, "child", tree(depth - 1));
    }
}
