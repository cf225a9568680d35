package io.copilot.metrics.api;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The shape of a GraphQL HTTP request, checked after authentication and before SmallRye reads
 * it: a POST whose body is one JSON object with a string "query", an object (or null)
 * "variables" and "extensions", a string (or null) "operationName", nested no deeper than
 * {@value #MAX_NESTING}. Anything else is HTTP 400 with a GraphQL-shaped error and code
 * BAD_REQUEST; other methods than GET (the WebSocket upgrade) and POST are 405. A query that is
 * not GraphQL is HTTP 400 GRAPHQL_PARSE_FAILED with the parser's words (SmallRye would answer
 * "Unparseable input document" without a code); documents seen to parse are remembered, so a
 * dashboard's few documents are parsed here once. The body is read once, by the JSON-P parser
 * SmallRye's execution takes its input from (exact numbers), and handed on to {@link GraphQLPostRoute}
 * under {@value #REQUEST}.
 */
@ApplicationScoped
public class GraphQLRequestGate {

    /** The routing context's entry holding the checked request, as SmallRye's execution takes it. */
    static final String REQUEST = "copilot-metrics.graphql-request";
    static final int MAX_NESTING = 64;
    /** The provider looked up once: {@code JsonProvider.provider()} searches the class path on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final JsonParserFactory PARSERS = JSON.createParserFactory(Map.of());
    static final int MAX_BODY_BYTES = 1024 * 1024;
    /** After authentication (-200) and authorization (-100), before the GraphQL route. */
    static final int ORDER = -50;

    private static final int REMEMBERED_DOCUMENTS = 1024;
    private static final int REMEMBERED_DOCUMENT_CHARS = 16 * 1024;

    /** Documents seen to parse, each with its operations. */
    private final Map<String, Operations> parsedDocuments = new ConcurrentHashMap<>();

    /** A document's operations: how many, and the names of its subscriptions ("" for an unnamed one). */
    record Operations(int count, Set<String> subscriptions) {

        static Operations of(Document document) {
            List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
            return new Operations(operations.size(), operations.stream()
                    .filter(operation -> operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION)
                    .map(operation -> operation.getName() == null ? "" : operation.getName())
                    .collect(Collectors.toUnmodifiableSet()));
        }

        /** Whether the operation run is a subscription: the one named, or the document's only one. */
        boolean runSubscription(String operationName) {
            if (operationName != null && !operationName.isEmpty()) {
                return subscriptions.contains(operationName);
            }
            return count == 1 && !subscriptions.isEmpty();
        }
    }

    void register(@Observes Router router) {
        router.post("/graphql").order(ORDER).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(this::checkShape);
        for (HttpMethod method : new HttpMethod[] { HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH }) {
            router.route(method, "/graphql").order(ORDER).handler(http -> {
                http.response().putHeader(HttpHeaders.ALLOW, "GET, POST");
                EdgeAnswers.refuse(http, 405, "METHOD_NOT_ALLOWED",
                        "/graphql answers POST (and GET for the WebSocket upgrade)");
            });
        }
    }

    private void checkShape(RoutingContext http) {
        Shape shape = shape(http.request().getHeader(HttpHeaders.CONTENT_TYPE), http.body().buffer());
        if (shape.problem() != null) {
            EdgeAnswers.refuse(http, 400, "BAD_REQUEST", shape.problem());
            return;
        }
        Optional<String> syntax = syntaxError(shape.query());
        if (syntax.isPresent()) {
            EdgeAnswers.refuse(http, 400, "GRAPHQL_PARSE_FAILED", syntax.get());
            return;
        }
        if (runsSubscription(shape.query(), shape.operationName())) {
            EdgeAnswers.refuse(http, 400, "BAD_REQUEST", "Subscriptions are served over a WebSocket "
                    + "(ws://.../graphql, subprotocol graphql-transport-ws), not over HTTP POST");
            return;
        }
        http.put(REQUEST, shape.request());
        http.next();
    }

    /**
     * A request's GraphQL document and operation name with the whole request as parsed, or in words
     * what is wrong with the request (then the rest is null).
     */
    public record Shape(String query, String operationName, JsonObject request, String problem) {
        static Shape wrong(String problem) {
            return new Shape(null, null, null, problem);
        }
    }

    /** The parser's complaint about the document in plain words, or empty when it parses. */
    Optional<String> syntaxError(String document) {
        if (parsedDocuments.containsKey(document)) {
            return Optional.empty();
        }
        Operations operations;
        try {
            operations = Operations.of(Parser.parse(document));
        } catch (InvalidSyntaxException e) {
            String words = String.valueOf(e.getMessage()).replaceAll("\\p{Cntrl}", "?");
            return Optional.of(words.length() <= 200 ? words : words.substring(0, 200) + "…");
        } catch (RuntimeException e) {
            return Optional.of("The query is not valid GraphQL");
        }
        if (document.length() <= REMEMBERED_DOCUMENT_CHARS) {
            if (parsedDocuments.size() >= REMEMBERED_DOCUMENTS) {
                parsedDocuments.clear();
            }
            parsedDocuments.put(document, operations);
        }
        return Optional.empty();
    }

    /**
     * Whether the operation a request runs is a subscription. Over HTTP SmallRye would answer one
     * with its stream object as data. The document has parsed ({@link #syntaxError}).
     */
    boolean runsSubscription(String document, String operationName) {
        Operations operations = parsedDocuments.get(document);
        // a document too long to be remembered is parsed again
        return (operations != null ? operations : Operations.of(Parser.parse(document))).runSubscription(operationName);
    }



    /** What is wrong with the request, in words for the caller; empty when SmallRye may take it. */
    static Optional<String> problem(String contentType, Buffer body) {
        return Optional.ofNullable(shape(contentType, body).problem());
    }

    /** The body read once: its shape checked, its document taken out. */
    public static Shape shape(String contentType, Buffer body) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase();
        if (mediaType.equals("application/graphql")) {
            String query = body == null ? "" : body.toString();
            return new Shape(query, null, JSON.createObjectBuilder().add("query", query).build(), null);
        }
        if (!mediaType.equals("application/json")) {
            return Shape.wrong("Send the request as application/json: {\"query\": \"...\", \"variables\": {...}}");
        }
        if (body == null || body.length() == 0) {
            return Shape.wrong("The request body is empty; it must be a JSON object with a \"query\"");
        }
        if (nesting(body) > MAX_NESTING) {
            return Shape.wrong("The request body is nested deeper than " + MAX_NESTING + " levels");
        }
        JsonObject request;
        try (JsonParser parser = PARSERS.createParser(new StringReader(body.toString()))) {
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                return Shape.wrong("The request body must be a JSON object with a \"query\"");
            }
            request = parser.getObject();
            // one value and nothing after it (the parser alone would stop reading there)
            if (parser.hasNext()) {
                return Shape.wrong("The request body is not valid JSON");
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            return Shape.wrong("The request body is not valid JSON");
        }
        if (!(request.get("query") instanceof JsonString query)) {
            return Shape.wrong("\"query\" must be a string holding the GraphQL document");
        }
        for (String member : new String[] { "variables", "extensions" }) {
            JsonValue value = request.getOrDefault(member, JsonValue.NULL);
            if (value != JsonValue.NULL && !(value instanceof JsonObject)) {
                return Shape.wrong("\"" + member + "\" must be a JSON object (or absent)");
            }
        }
        JsonValue operationName = request.getOrDefault("operationName", JsonValue.NULL);
        if (operationName != JsonValue.NULL && !(operationName instanceof JsonString)) {
            return Shape.wrong("\"operationName\" must be a string (or absent)");
        }
        return new Shape(query.getString(),
                operationName instanceof JsonString name ? name.getString() : null, request, null);
    }

    /** Deepest nesting of objects and arrays, counted without parsing (strings skipped). */
    static int nesting(Buffer body) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < body.length(); i++) {
            byte b = body.getByte(i);
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                deepest = Math.max(deepest, ++depth);
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
        return deepest;
    }

}
