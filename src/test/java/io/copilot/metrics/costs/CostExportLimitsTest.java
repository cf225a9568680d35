package io.copilot.metrics.costs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.OwnerDatabase;
import io.copilot.metrics.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Exports that stall hold their place, and only theirs: with two clients that stop reading a
 * large download, a third export is refused with 429; once a stalled client goes away its
 * place is free again. A tenant of its own holds 200,000 costs dated 2020, out of every other
 * test's ranges, and is deleted afterwards.
 */
@QuarkusTest
class CostExportLimitsTest {

    private static final UUID TENANT = UUID.fromString("ee0e0e0e-0000-4000-8000-000000000000");
    private static final UUID OWNER = UUID.fromString("ee0e0e0e-0000-4000-8000-0000000000a1");

    @BeforeAll
    static void aTenantWithMoreCostsThanSocketBuffersHold() throws SQLException {
        try (Connection owner = OwnerDatabase.connect(); Statement statement = owner.createStatement()) {
            statement.execute("DELETE FROM copilot_internal.tenants WHERE id = '" + TENANT + "'");
            statement.execute("INSERT INTO copilot_internal.tenants (id, slug, name, plan) VALUES ('" + TENANT
                    + "', 'export-limits', 'Export limits', 'free')");
            statement.execute("INSERT INTO copilot_internal.llm_cost_records (tenant_id, user_id, provider, model, "
                    + "input_tokens, output_tokens, input_cost_usd, output_cost_usd, total_cost_usd, occurred_at) "
                    + "SELECT '" + TENANT + "', '" + OWNER + "', 'openai', 'gpt-4o-mini', 10, 10, 0, 0, 0, "
                    + "'2020-01-01T00:00:00Z'::timestamptz + make_interval(secs => i) FROM generate_series(1, 200000) i");
        }
    }

    @AfterAll
    static void removeTheTenant() throws SQLException {
        try (Connection owner = OwnerDatabase.connect(); Statement statement = owner.createStatement()) {
            statement.execute("DELETE FROM copilot_internal.tenants WHERE id = '" + TENANT + "'");
        }
    }

    @Test
    void stalledExportsHoldTheirPlaceUntilTheirClientGoesAway() throws Exception {
        String token = Tokens.forUser(OWNER, TENANT);
        try (Socket first = stalledExport(token); Socket second = stalledExport(token)) {
            Response third = given().header("Authorization", "Bearer " + token).get("/export/costs.csv?to=2021-01-01T00:00:00Z");
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.jsonPath().getString("errors[0].extensions.code")).isEqualTo("RATE_LIMITED");
            assertThat(third.header("Retry-After")).isNotBlank();

            second.close();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int status;
            do {
                Thread.sleep(100);
                status = given().header("Authorization", "Bearer " + token)
                        .get("/export/costs.csv?from=2030-01-01T00:00:00Z").statusCode();
            } while (status == 429 && System.nanoTime() < deadline);
            assertThat(status).as("an export once the stalled client left").isEqualTo(200);
        }
    }

    /** An export whose client reads its first bytes, then nothing more. */
    private static Socket stalledExport(String token) throws IOException {
        Socket socket = new Socket("localhost", RestAssured.port);
        socket.setReceiveBufferSize(4096);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /export/costs.csv?to=2021-01-01T00:00:00Z HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] start = in.readNBytes(12);
        assertThat(new String(start, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        return socket;
    }
}
