package io.copilot.metrics.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.copilot.metrics.errors.InternalException;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/** What the database sees inside a caller's transaction. */
@QuarkusTest
class TenantScopedTransactionsTest {

    private static final UUID TENANT = UUID.fromString("12345678-0000-4000-8000-000000000000");

    @Inject
    TenantScopedTransactions transactions;

    @Test
    void tenantCallerRunsAsAuthenticatedWithItsClaimsInAReadOnlyTransaction() {
        Caller caller = new Caller("user-1", Optional.of(TENANT), Set.of("user"), false,
                new JsonObject().put("sub", "user-1").put("tenant_id", "spoofed").put("email", "u@example.com"));
        Row row = session(caller);

        assertThat(row.getString("role_name")).isEqualTo("authenticated");
        JsonObject claims = new JsonObject(row.getString("claims"));
        assertThat(claims.getString("tenant_id")).as("the resolved tenant, not the token's raw claim")
                .isEqualTo(TENANT.toString());
        assertThat(claims.getString("sub")).isEqualTo("user-1");
        assertThat(claims.getString("email")).isEqualTo("u@example.com");
        assertThat(row.getString("tenant")).isEqualTo(TENANT.toString());
        assertThat(row.getString("read_only")).isEqualTo("on");
    }

    @Test
    void administratorWithoutTenantRunsAsAnalyticsReader() {
        Caller admin = new Caller("admin-1", Optional.empty(), Set.of("platform-admin"), true, new JsonObject());
        Row row = session(admin);
        assertThat(row.getString("role_name")).isEqualTo("analytics_reader");
        assertThat(row.getString("tenant")).isNull();
    }

    @Test
    void writesAreRefusedAndReportedAsInternal() {
        Caller caller = new Caller("user-1", Optional.of(TENANT), Set.of(), false, new JsonObject());
        assertThatThrownBy(() -> transactions.read(caller, connection -> connection
                .query("CREATE TEMPORARY TABLE scratch (id int)").execute()).await().indefinitely())
                .hasCauseInstanceOf(InternalException.class)
                .hasMessageContaining("Internal error; reference ");
    }

    private Row session(Caller caller) {
        return transactions.read(caller, connection -> connection.query("""
                SELECT current_user AS role_name,
                       current_setting('request.jwt.claims', true) AS claims,
                       public.current_tenant_id()::text AS tenant,
                       current_setting('transaction_read_only') AS read_only
                """).execute().map(rows -> rows.iterator().next())).await().indefinitely();
    }
}
