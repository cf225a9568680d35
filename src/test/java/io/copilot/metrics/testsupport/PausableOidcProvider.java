package io.copilot.metrics.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.copilot.metrics.tenancy.LocalSigningKey;
import io.smallrye.jwt.build.Jwt;

/**
 * An OIDC provider (discovery and JWKS only) that a fault test can take down or make hang.
 * It publishes the key of kid "published"; tokens of kid "rotated" name a key it has not
 * published yet, as after a key rotation, so verifying them needs a fresh JWKS fetch.
 */
public final class PausableOidcProvider implements AutoCloseable {

    public enum Mode { UP, HANGING }

    public static final String PUBLISHED = "published";
    public static final String ROTATED = "rotated";

    private final int port;
    private final KeyPair published = LocalSigningKey.newKeyPair();
    private final KeyPair rotated = LocalSigningKey.newKeyPair();
    private volatile Mode mode = Mode.UP;
    private HttpServer server;

    public PausableOidcProvider(int port) {
        this.port = port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public synchronized void start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.createContext("/.well-known/openid-configuration", exchange -> answer(exchange,
                    "{\"issuer\":\"" + url() + "\",\"jwks_uri\":\"" + url() + "/jwks\"}"));
            server.createContext("/jwks", exchange -> answer(exchange, "{\"keys\":[" + jwk(PUBLISHED, published) + "]}"));
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Down: connections are refused. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Hanging: connections are accepted and never answered (until {@link #setMode} UP). */
    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public String token(String keyId) {
        return Jwt.claims().issuer(url()).audience("copilot-metrics").subject(UUID.randomUUID().toString())
                .claim("tenant_id", UUID.randomUUID().toString())
                .claim("realm_access", Map.of("roles", List.of("user"))).expiresIn(600)
                .jws().keyId(keyId).sign((keyId.equals(PUBLISHED) ? published : rotated).getPrivate());
    }

    @Override
    public void close() {
        stop();
    }

    private void answer(HttpExchange exchange, String json) throws IOException {
        while (mode == Mode.HANGING) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String jwk(String keyId, KeyPair key) {
        RSAPublicKey publicKey = (RSAPublicKey) key.getPublic();
        return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + keyId + "\",\"n\":\""
                + unsigned(publicKey.getModulus()) + "\",\"e\":\"" + unsigned(publicKey.getPublicExponent()) + "\"}";
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(java.util.Arrays.copyOfRange(bytes, start, bytes.length));
    }
}
