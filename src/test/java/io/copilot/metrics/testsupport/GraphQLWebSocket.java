package io.copilot.metrics.testsupport;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * A GraphQL client speaking graphql-transport-ws over a real WebSocket (Vert.x), the protocol
 * browsers use through graphql-ws: connection_init with a payload, then subscribe / next /
 * error / complete per operation. Blocking, for tests.
 */
public final class GraphQLWebSocket implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final HttpClient http;
    private final WebSocket socket;
    private final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Short> closed = new CompletableFuture<>();
    private final AtomicInteger ids = new AtomicInteger();

    private GraphQLWebSocket(Vertx vertx, HttpClient http, WebSocket socket) {
        this.vertx = vertx;
        this.http = http;
        this.socket = socket;
        socket.textMessageHandler(text -> messages.add(new JsonObject(text)));
        socket.closeHandler(ignored -> closed.complete(socket.closeStatusCode()));
    }

    /** Opens /graphql on the application under test (RestAssured's port) and sends connection_init. */
    public static GraphQLWebSocket open(JsonObject initPayload) throws Exception {
        return open(RestAssured.port, initPayload);
    }

    /** The same on a service listening on {@code port} of this machine. */
    public static GraphQLWebSocket open(int port, JsonObject initPayload) throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpClient http = vertx.createHttpClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost")
                .setPort(port).setURI("/graphql").addSubProtocol("graphql-transport-ws");
        WebSocket socket = http.webSocket(options).toCompletionStage().toCompletableFuture()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        GraphQLWebSocket client = new GraphQLWebSocket(vertx, http, socket);
        client.send(new JsonObject().put("type", "connection_init").put("payload", initPayload));
        return client;
    }

    /** The payload a browser client sends: the bearer token, and optionally the tenant it picks. */
    public static JsonObject initPayload(String token, String tenantId) {
        JsonObject payload = new JsonObject().put("Authorization", "Bearer " + token);
        return tenantId == null ? payload : payload.put("X-Tenant-Id", tenantId);
    }

    /** True when the server acknowledged the connection; false when it closed it instead. */
    public boolean acknowledged() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject first = messages.poll(20, TimeUnit.MILLISECONDS);
            if (first != null) {
                return "connection_ack".equals(first.getString("type"));
            }
            if (closed.isDone()) {
                return false;
            }
        }
        return false;
    }

    /** Starts an operation (query or subscription); returns its id. */
    public String subscribe(String document, JsonObject variables) {
        String id = Integer.toString(ids.incrementAndGet());
        send(new JsonObject().put("id", id).put("type", "subscribe")
                .put("payload", new JsonObject().put("query", document).put("variables", variables)));
        return id;
    }

    /** The next message from the server, if one arrives in time. */
    public Optional<JsonObject> next(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The close code, once the server has closed the connection. */
    public Optional<Short> closeCode(Duration timeout) {
        try {
            return Optional.ofNullable(closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (Exception notClosed) {
            return Optional.empty();
        }
    }

    private void send(JsonObject message) {
        socket.writeTextMessage(message.encode());
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
        http.close();
        vertx.close();
    }
}
