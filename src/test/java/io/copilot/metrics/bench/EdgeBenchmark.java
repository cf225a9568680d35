package io.copilot.metrics.bench;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.spi.JsonProvider;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQL;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.copilot.metrics.api.Cursor;
import io.copilot.metrics.api.GraphQLEngine;
import io.copilot.metrics.api.GraphQLRequestGate;
import io.copilot.metrics.api.GraphQLResponseJson;
import io.copilot.metrics.api.IsoDateTime;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.QueryCache;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The GraphQL edge's own work, in one JVM, old and new way interleaved, so the difference shows
 * under a machine whose speed moves by a quarter between runs (the load benchmark's CPU per
 * request cannot resolve it there).
 * <ul>
 * <li>Answers: an allCosts page of 20 records with every field, and a costBreakdown page of 100
 * groups, written by SmallRye's {@code ExecutionResponse} (a JSON-P tree, then its text) and by
 * {@link GraphQLResponseJson}.</li>
 * <li>Requests: a dashboard query and a recordUsage batch of 500, read as before (the gate's
 * Vert.x decode, then SmallRye's route: a regex over the body and a JSON-P parse) and now (one
 * JSON-P parse, {@link GraphQLRequestGate#shape}).</li>
 * <li>Dates: a query's range read and a page's 20 dates written by ISO_OFFSET_DATE_TIME (SmallRye's
 * and JSON-B's way) and by {@link IsoDateTime}.</li>
 * <li>Execution: graphql-java completing that allCosts page (fields read from maps) with the
 * service's instrumentations (SmallRye's query cache, depth, complexity, its own) as before
 * (graphql-java's chain, every operation walked for the limits) and now (chained per operation,
 * the limits walked once per operation).</li>
 * <li>Cursors: the 20 edge cursors of that page, signed with a Mac looked up and keyed for each
 * (as before) and by {@link Cursor} (one keyed Mac per thread).</li>
 * </ul>
 *
 * <pre>java -cp ... io.copilot.metrics.bench.EdgeBenchmark [rounds=7]</pre>
 */
public final class EdgeBenchmark {

    private static final Pattern NEWLINE_OR_TAB = Pattern.compile("\\n|\\t");
    private static final JsonReaderFactory JSON_P = JsonProvider.provider().createReaderFactory(Map.of());

    private EdgeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        List<Case> cases = List.of(
                new Case("answer: allCosts page of 20", answer(allCostsPage(20)), 20_000),
                new Case("answer: costBreakdown page of 100", answer(breakdownPage(100)), 5_000),
                new Case("request: costSeries query", request(costSeriesRequest()), 50_000),
                new Case("request: recordUsage batch of 500", request(batchRequest(500)), 200),
                new Case("execution: allCosts page of 20", execution(allCostsPage(20)), 5_000),
                new Case("cursors: allCosts page of 20", cursors(20), 20_000),
                new Case("dates: a range read, 20 written", dates(20), 20_000));
        System.out.printf("%-36s %14s %14s %8s%n", "µs per call (median of " + rounds + " rounds)", "before",
                "after", "saved");
        for (Case each : cases) {
            double[] before = new double[rounds];
            double[] after = new double[rounds];
            each.ways().before().run(each.iterations()); // warm both before timing either
            each.ways().after().run(each.iterations());
            for (int round = 0; round < rounds; round++) {
                before[round] = each.ways().before().run(each.iterations());
                after[round] = each.ways().after().run(each.iterations());
            }
            double was = median(before);
            double is = median(after);
            System.out.printf("%-36s %14.1f %14.1f %7.0f%%%n", each.name(), was, is, 100 * (was - is) / was);
        }
    }

    /** One scenario: the old and the new way of the same work, and how often to repeat it per round. */
    private record Case(String name, Pair ways, int iterations) {
    }

    private record Pair(Work before, Work after) {
    }

    /** Some work to repeat; answers the µs one repetition took on average. */
    @FunctionalInterface
    private interface Work {
        void once() throws Exception;

        default double run(int iterations) {
            try {
                long started = System.nanoTime();
                for (int i = 0; i < iterations; i++) {
                    once();
                }
                return (System.nanoTime() - started) / 1000.0 / iterations;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Pair answer(Map<String, Object> data) {
        ExecutionResult result = ExecutionResultImpl.newExecutionResult().data(data).build();
        return new Pair(() -> sink(Buffer.buffer(new ExecutionResponse(result).getExecutionResultAsString(),
                StandardCharsets.UTF_8.name()).length()), () -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
                    if (!GraphQLResponseJson.write(result, out)) {
                        throw new IllegalStateException("not written directly");
                    }
                    sink(out.size());
                });
    }

    private static Pair cursors(int edges) {
        byte[] key = "a key from configuration".getBytes(StandardCharsets.UTF_8);
        Cursor cursor = new Cursor(key);
        List<List<String>> positions = new ArrayList<>();
        for (int i = 0; i < edges; i++) {
            positions.add(List.of(String.valueOf(1741564800000000L + i), "cccccccc-0000-4000-8000-" + String.format("%012d", i)));
        }
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return new Pair(() -> {
            for (List<String> position : positions) {
                byte[] plain = String.join("|", position).getBytes(StandardCharsets.UTF_8);
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                sink((base64.encodeToString(plain) + "." + base64.encodeToString(Arrays.copyOf(mac.doFinal(plain), 16)))
                        .length());
            }
        }, () -> {
            for (List<String> position : positions) {
                sink(cursor.encode(position).length());
            }
        });
    }

    /** A query's from and to read, and a page's dates written: by ISO_OFFSET_DATE_TIME, and by IsoDateTime. */
    private static Pair dates(int rows) {
        DateTimeFormatter iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        String from = "2026-10-01T00:00:00+02:00";
        String to = "2026-10-31T00:00:00.5Z";
        List<OffsetDateTime> page = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            page.add(OffsetDateTime.of(2026, 10, 1 + i, i, 2 * i, 3 * i, i * 1_000_000, ZoneOffset.UTC));
        }
        return new Pair(() -> {
            sink(OffsetDateTime.parse(from, iso).getDayOfMonth() + OffsetDateTime.parse(to, iso).getDayOfMonth());
            for (OffsetDateTime date : page) {
                sink(iso.format(date).length());
            }
        }, () -> {
            sink(IsoDateTime.parse(from).getDayOfMonth() + IsoDateTime.parse(to).getDayOfMonth());
            for (OffsetDateTime date : page) {
                sink(IsoDateTime.format(date).length());
            }
        });
    }

    private static Pair request(String body) {
        Buffer bytes = Buffer.buffer(body);
        return new Pair(() -> {
            sink(((JsonObject) Json.decodeValue(bytes)).size());
            try (JsonReader reader = JSON_P.createReader(new StringReader(
                    NEWLINE_OR_TAB.matcher(bytes.toString()).replaceAll(" ")))) {
                sink(reader.readObject().size());
            }
        }, () -> sink(GraphQLRequestGate.shape("application/json", bytes).request().size()));
    }

    private static Pair execution(Map<String, Object> data) {
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse("""
                type Query { allCosts: CostConnection }
                type CostConnection { edges: [CostEdge!]! pageInfo: PageInfo! }
                type CostEdge { cursor: String! node: CostRecord! }
                type PageInfo { hasNextPage: Boolean! endCursor: String }
                type CostTag { key: String! value: String! }
                type CostRecord { id: ID! costType: String! tenantId: ID! userId: ID conversationId: ID
                  provider: String! model: String! inputTokens: Int outputTokens: Int cachedInputTokens: Int
                  cacheWriteTokens: Int reasoningTokens: Int executionSeconds: String costUsd: String!
                  occurredAt: String! taskType: String requestId: String traceId: String tags: [CostTag!]! }"""),
                RuntimeWiring.newRuntimeWiring().type("Query", type -> type.dataFetcher("allCosts",
                        env -> data.get("allCosts"))).build());
        String query = "{ allCosts { edges { cursor node { id costType tenantId userId conversationId provider model "
                + "inputTokens outputTokens cachedInputTokens cacheWriteTokens reasoningTokens executionSeconds costUsd "
                + "occurredAt taskType requestId traceId tags { key value } } } pageInfo { hasNextPage endCursor } } }";
        QueryCache cache = new QueryCache();
        List<Instrumentation> members = List.of(new ChainedInstrumentation(List.of(cache)),
                new MaxQueryDepthInstrumentation(10), new MaxQueryComplexityInstrumentation(500),
                new SimplePerformantInstrumentation());
        GraphQL chained = GraphQL.newGraphQL(schema).instrumentation(new ChainedInstrumentation(members))
                .preparsedDocumentProvider(cache).build();
        GraphQL perOperation = GraphQL.newGraphQL(schema).instrumentation(GraphQLEngine.chain(List.of(
                new ChainedInstrumentation(List.of(cache)), GraphQLEngine.limits(10, 500, 25),
                new SimplePerformantInstrumentation()))).preparsedDocumentProvider(cache).build();
        return new Pair(() -> sink(chained.execute(query).getErrors().size()),
                () -> sink(perOperation.execute(query).getErrors().size()));
    }

    private static long sunk;

    /** Keeps the JIT from dropping work whose result is unused. */
    private static void sink(long value) {
        sunk += value;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    // ---------------------------------------------------------------------------------------
    // Answers and requests shaped as the service's (values as graphql-java hands them over)

    private static Map<String, Object> allCostsPage(int size) {
        List<Object> edges = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("id", "4b0c5c1e-1d7f-4a8e-9f5a-2f1d3f0b6c" + (10 + i));
            node.put("costType", "LLM");
            node.put("tenantId", "9d1e0a52-7d43-4a55-8c3e-35a1f0b1c2d3");
            node.put("userId", "0f6b2a10-55c4-4c8e-9e0b-8a7d6c5b4a39");
            node.put("conversationId", null);
            node.put("provider", "openai");
            node.put("model", "gpt-4o");
            node.put("inputTokens", 1200L + i);
            node.put("outputTokens", 340L);
            node.put("cachedInputTokens", 0L);
            node.put("cacheWriteTokens", 0L);
            node.put("reasoningTokens", 0L);
            node.put("executionSeconds", null);
            node.put("costUsd", "0.0064000000");
            node.put("occurredAt", "2026-11-30T23:59:1" + (i % 10) + ".123456Z");
            node.put("taskType", "chat");
            node.put("requestId", "req-" + i);
            node.put("traceId", null);
            node.put("tags", List.of(Map.of("key", "feature", "value", "chat")));
            edges.add(Map.of("cursor", "eyJhIjoiMjAyNi0xMS0zMFQyMzo1OToxMCIsImkiOiI0YjBjNWMxZSJ9." + i, "node", node));
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("edges", edges);
        page.put("pageInfo", Map.of("hasNextPage", true, "endCursor", "eyJhIjoi"));
        return Map.of("allCosts", page);
    }

    private static Map<String, Object> breakdownPage(int size) {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", "gpt-4o-" + (i % 7));
            row.put("bucket", "2026-11-" + (10 + i % 20) + "T00:00:00Z");
            row.put("costUsd", "12.3456789012");
            row.put("count", 100L + i);
            row.put("inputTokens", 120_000L + i);
            row.put("outputTokens", 34_000L);
            rows.add(Map.of("cursor", "c" + i, "node", row));
        }
        return Map.of("costBreakdown", Map.of("edges", rows, "pageInfo", Map.of("hasNextPage", false)));
    }

    private static String costSeriesRequest() {
        return new JsonObject().put("query", """
                query CostSeries($from: DateTime!, $to: DateTime!, $granularity: Granularity!, $timeZone: String) {
                  costSeries(from: $from, to: $to, granularity: $granularity, timeZone: $timeZone) {
                    start end llmCostUsd e2bCostUsd totalCostUsd
                  }
                }""").put("variables", new JsonObject().put("from", "2026-11-01T00:00:00Z")
                .put("to", "2026-12-01T00:00:00Z").put("granularity", "DAY").put("timeZone", "Europe/Berlin"))
                .encode();
    }

    private static String batchRequest(int size) {
        JsonArray batch = new JsonArray();
        for (int i = 0; i < size; i++) {
            batch.add(new JsonObject().put("llm", new JsonObject().put("tenantId", "9d1e0a52-7d43-4a55-8c3e-35a1f0b1c2d3")
                    .put("userId", "0f6b2a10-55c4-4c8e-9e0b-8a7d6c5b4a39").put("provider", "openai")
                    .put("model", "gpt-4o").put("inputTokens", 1000 + i).put("outputTokens", 200)
                    .put("occurredAt", "2026-11-30T23:59:10Z").put("idempotencyKey", "bench-" + i)));
        }
        return new JsonObject().put("query", "mutation Record($batch: [UsageItemInput!]!) { recordUsage(batch: $batch) "
                + "{ index receipt { recordId totalCostUsd quotaStatus } error { code message } } }")
                .put("variables", new JsonObject().put("batch", batch)).encode();
    }
}
