package io.copilot.metrics.tenancy;

import static io.copilot.metrics.testsupport.ApiFixture.INITECH;
import static io.copilot.metrics.testsupport.ApiFixture.INITECH_OWNER;
import static io.copilot.metrics.testsupport.ApiFixture.UMBRELLA;
import static io.copilot.metrics.testsupport.GraphQLWebSocket.initPayload;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.copilot.metrics.testsupport.ApiFixture;
import io.copilot.metrics.testsupport.GraphQLWebSocket;
import io.copilot.metrics.testsupport.OwnerDatabase;
import io.copilot.metrics.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * Over a GraphQL WebSocket the token and the tenant choice arrive in connection_init, not in
 * headers; they go through the same verification and the same tenancy rule as over HTTP.
 */
@QuarkusTest
@ExtendWith(ApiFixture.class)
class WebSocketCallerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ME = OwnerDatabase.resource("graphql/me.graphql");

    @Test
    void theTokenInConnectionInitMakesTheCaller() throws Exception {
        try (GraphQLWebSocket socket = GraphQLWebSocket.open(initPayload(ApiFixture.initechOwner(), null))) {
            assertThat(socket.acknowledged()).isTrue();
            JsonObject me = result(socket, socket.subscribe(ME, new JsonObject()));
            assertThat(me.getJsonObject("data").getJsonObject("me").getString("subject"))
                    .isEqualTo(INITECH_OWNER.toString());
            assertThat(me.getJsonObject("data").getJsonObject("me").getString("tenantId")).isEqualTo(INITECH.toString());
        }
    }

    @Test
    void theTenantEntryOfThePayloadFollowsTheHeadersRule() throws Exception {
        try (GraphQLWebSocket member = GraphQLWebSocket.open(
                initPayload(ApiFixture.initechOwner(), UMBRELLA.toString()))) {
            assertThat(member.acknowledged()).isTrue();
            JsonObject me = result(member, member.subscribe(ME, new JsonObject()));
            assertThat(me.getJsonObject("data").getJsonObject("me").getString("tenantId"))
                    .isEqualTo(UMBRELLA.toString());
        }
        try (GraphQLWebSocket stranger = GraphQLWebSocket.open(
                initPayload(ApiFixture.umbrellaOwner(), INITECH.toString()))) {
            assertThat(stranger.acknowledged()).isTrue();
            JsonObject refused = result(stranger, stranger.subscribe(ME, new JsonObject()));
            assertThat(refused.getString("type")).isEqualTo("error");
            assertThat(refused.getJsonArray("payload").getJsonObject(0).getJsonObject("extensions").getString("code"))
                    .isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void aForgedOrExpiredTokenGetsNoConnection() throws Exception {
        for (String token : new String[] {Tokens.wronglySigned(INITECH_OWNER, INITECH),
                Tokens.expired(INITECH_OWNER, INITECH)}) {
            try (GraphQLWebSocket socket = GraphQLWebSocket.open(initPayload(token, null))) {
                assertThat(socket.acknowledged()).isFalse();
                assertThat(socket.closeCode(WAIT)).contains((short) 4403);
            }
        }
    }

    @Test
    void withoutATokenNothingIsAnswered() throws Exception {
        try (GraphQLWebSocket socket = GraphQLWebSocket.open(new JsonObject())) {
            assertThat(socket.acknowledged()).isTrue();
            JsonObject refused = result(socket, socket.subscribe(ME, new JsonObject()));
            assertThat(refused.getString("type")).isEqualTo("error");
            assertThat(refused.getJsonArray("payload").getJsonObject(0).getJsonObject("extensions").getString("code"))
                    .isEqualTo("FORBIDDEN");
        }
    }

    /** The operation's next (data) or error message. */
    private static JsonObject result(GraphQLWebSocket socket, String id) throws InterruptedException {
        while (true) {
            JsonObject message = socket.next(WAIT).orElseThrow(() -> new AssertionError("no answer for " + id));
            if (id.equals(message.getString("id"))
                    && ("next".equals(message.getString("type")) || "error".equals(message.getString("type")))) {
                return "next".equals(message.getString("type")) ? message.getJsonObject("payload")
                        .put("type", "next") : message;
            }
        }
    }
}
