package io.copilot.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.copilot.metrics.testsupport.OwnerDatabase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The arguments built directly equal what SmallRye's helper builds from the same coerced values
 * (its JSON-B round trip for input records, its default date format for dates): each operation
 * runs its test document through graphql-java on the service's own schema, its arguments are
 * captured, and both ways build them. Dates with offsets, fractions and lower-case letters, enums,
 * defaults, big decimals, nested records and lists of them are among the values; every such
 * argument must be built directly (no silent fallback).
 */
@QuarkusTest
class OperationArgumentsTest {

    private static final Map<String, Object> LLM = Map.ofEntries(Map.entry("idempotencyKey", "req-1"),
            Map.entry("tenantId", "a0000000-0000-4000-8000-000000000001"), Map.entry("provider", "openai"),
            Map.entry("model", "gpt-4o"), Map.entry("inputTokens", 1200), Map.entry("outputTokens", 300),
            Map.entry("cachedInputTokens", 200), Map.entry("occurredAt", "2026-03-11T10:15:30.123456+01:00"),
            Map.entry("metadata", List.of(Map.of("key", "feature", "value", "chat"))));
    private static final Map<String, Object> SANDBOX = Map.ofEntries(Map.entry("idempotencyKey", "sbx-1"),
            Map.entry("tenantId", "a0000000-0000-4000-8000-000000000001"), Map.entry("sandboxId", "sbx-1"),
            Map.entry("tier", "standard"), Map.entry("region", "eu"), Map.entry("executionSeconds", "12.500"),
            Map.entry("cpuCoreSeconds", 3.25), Map.entry("startedAt", "2026-03-11T10:00:00Z"),
            Map.entry("occurredAt", "2026-03-11T10:00:12.5Z"));

    @Inject
    GraphQLSchema schema;

    @Test
    void costFiltersAreBuiltAsSmallRyeBuildsThem() {
        sameAsSmallRye("Query", "allCosts", "allCosts", Map.of("filter", Map.of("from", "2026-03-01T00:00:00+02:00",
                "to", "2026-04-01T00:00:00.5Z", "costType", "LLM", "userId", "b0000000-0000-4000-8000-000000000001",
                "provider", "openai"), "first", 5));
        sameAsSmallRye("Query", "costBreakdown", "costBreakdown", Map.of("groupBy", List.of("MODEL"),
                "filter", Map.of("costType", "E2B", "tags", List.of(Map.of("key", "team", "value", "a"),
                        Map.of("key", "env", "value", "prod")))));
    }

    @Test
    void dateArgumentsAreReadAsSmallRyeReadsThem() {
        sameAsSmallRye("Query", "costByTenant", "costByTenant", Map.of("from", "2026-03-01T00:00:00Z",
                "to", "2026-04-01T00:00:00.000001+02:00"), 2);
        sameAsSmallRye("Query", "costSeries", "costSeries", Map.of("from", "2026-03-01T00:00+05:30",
                "to", "2026-03-31t22:00:00z", "timeZone", "Europe/Berlin"), 2);
        sameAsSmallRye("Query", "costBreakdown", "costBreakdown", Map.of("groupBy", List.of("MODEL"),
                "from", "2026-03-01T00:00:00-00:00", "to", "2026-04-01T00:00:00.999999999Z",
                "filter", Map.of("model", "gpt-4o")), 3);
    }

    @Test
    void usageInputsAreBuiltAsSmallRyeBuildsThem() {
        sameAsSmallRye("Mutation", "recordLlmUsage", "recordLlmUsage", Map.of("input", LLM));
        sameAsSmallRye("Mutation", "recordSandboxRun", "recordSandboxRun", Map.of("input", SANDBOX));
        sameAsSmallRye("Mutation", "recordUsage", "recordUsage", Map.of("batch", List.of(Map.of("llm", LLM),
                Map.of("sandbox", SANDBOX), Map.of("llm", LLM, "sandbox", SANDBOX))));
        sameAsSmallRye("Mutation", "reserveLlmUsage", "reserveLlmUsage", Map.of("input", Map.of("tenantId",
                "a0000000-0000-4000-8000-000000000001", "provider", "anthropic", "model", "claude", "inputTokens", 10,
                "outputTokens", 20)));
        // decimals as text, as JSON numbers whole and fractional, in exponent form
        for (Object seconds : List.of(60, 1.0E-7, 0.1, "1E+3", "-0.000", "12345678901234567890.5", 2147483648L)) {
            sameAsSmallRye("Mutation", "reserveSandboxRun", "reserveSandboxRun", Map.of("input", Map.of("tenantId",
                    "a0000000-0000-4000-8000-000000000001", "tier", "gpu", "region", "us", "executionSeconds", seconds)));
        }
    }

    @Test
    void eventAndSessionInputsAreBuiltAsSmallRyeBuildsThem() {
        // severity left out: graphql-java fills in the schema's default, INFO
        sameAsSmallRye("Mutation", "recordEvents", "recordEvents", Map.of("events", List.of(Map.of("tenantId",
                "a0000000-0000-4000-8000-000000000001", "id", "e-1", "source", "svc", "type", "llm.request.completed",
                "category", "USAGE", "time", "2026-03-11T10:15:30Z", "data", "{\"duration_ms\": 120}"))));
        sameAsSmallRye("Query", "events", "events", Map.of("filter", Map.of("category", "ERROR", "severity", "ERROR",
                "from", "2026-03-11T00:00:00-05:00", "search", "\"rate limit\" -retry")));
        sameAsSmallRye("Mutation", "recordSessions", "recordSessions", Map.of("sessions", List.of(Map.of("tenantId",
                "a0000000-0000-4000-8000-000000000001", "sessionId", "s-1", "userId",
                "b0000000-0000-4000-8000-000000000001", "state", "ACTIVE", "requestCount", 3, "totalDurationMs", 12.5,
                "lastActivityAt", "2026-03-11T10:15:30.999999Z"))));
        sameAsSmallRye("Query", "sessions", "sessions", Map.of("filter", Map.of("state", "ACTIVE")));
    }

    /** The document's arguments, captured as graphql-java hands them to the field, built both ways. */
    private void sameAsSmallRye(String rootType, String field, String document, Map<String, Object> variables) {
        sameAsSmallRye(rootType, field, document, variables, 1);
    }

    private void sameAsSmallRye(String rootType, String field, String document, Map<String, Object> variables,
            int expectedBuilt) {
        GraphQLObjectType root = schema.getObjectType(rootType);
        FieldCoordinates coordinates = FieldCoordinates.coordinates(root, field);
        var direct = (DirectRootFetchers.Direct<?, ?>) schema.getCodeRegistry().getDataFetcher(coordinates,
                root.getFieldDefinition(field));
        AtomicReference<DataFetchingEnvironment> captured = new AtomicReference<>();
        GraphQLSchema capturing = schema.transform(change -> change.codeRegistry(schema.getCodeRegistry()
                .transform(registry -> registry.dataFetcher(coordinates, (DataFetchingEnvironment dfe) -> {
                    captured.set(dfe);
                    return null;
                }))));
        var result = GraphQL.newGraphQL(capturing).build().execute(ExecutionInput.newExecutionInput()
                .query(OwnerDatabase.resource("graphql/" + document + ".graphql")).variables(variables).build());
        assertThat(captured.get()).as("%s reached its field: %s", document, result.getErrors()).isNotNull();

        OperationArguments arguments = direct.arguments();
        int built = 0;
        for (int i = 0; i < root.getFieldDefinition(field).getArguments().size(); i++) {
            if (!arguments.builtDirectly(i) || captured.get().getArgument(arguments.name(i)) == null) {
                continue;
            }
            built++;
            // built directly first: SmallRye's helper writes its transformed values into graphql-java's maps
            Object builtHere = arguments.direct(captured.get(), i);
            Object smallRyes;
            try {
                smallRyes = arguments.smallRyes(captured.get(), i);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertThat(builtHere).as("%s argument %d", field, i).isNotNull().isEqualTo(smallRyes);
        }
        assertThat(built).as("%s arguments built directly", field).isEqualTo(expectedBuilt);
    }
}
