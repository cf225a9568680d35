package io.copilot.metrics.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.copilot.metrics.api.ForbiddenException;
import io.copilot.metrics.testsupport.OwnerDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/** What the database sees inside a caller's transaction, read and write. */
@QuarkusTest
class TenantDatabaseTest {

    private static final UUID TENANT = UUID.fromString("12345678-0000-4000-8000-000000000000");
    private static final UUID OTHER_TENANT = UUID.fromString("12345678-0000-4000-8000-000000000001");
    private static final String USER = "12345678-0000-4000-8000-0000000000a1";

    @Inject
    TenantDatabase database;

    @BeforeAll
    static void twoTenants() throws SQLException {
        try (Connection connection = OwnerDatabase.connect(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO copilot_internal.tenants (id, slug, name) VALUES ('" + TENANT
                    + "', 'tenant-database-test', 'Tenant database test'), ('" + OTHER_TENANT
                    + "', 'tenant-database-other', 'Another tenant') ON CONFLICT DO NOTHING");
        }
    }

    @Test
    void tenantCallerReadsAsAuthenticatedWithItsClaimsInAReadOnlyTransaction() {
        Caller caller = new Caller(USER, Optional.of(TENANT), Set.of("user"), false,
                new JsonObject().put("sub", USER).put("tenant_id", "spoofed").put("email", "u@example.com"));
        Row row = database.read(caller, TenantDatabaseTest::session).await().indefinitely();

        assertThat(row.getString("role_name")).isEqualTo("authenticated");
        JsonObject claims = new JsonObject(row.getString("claims"));
        assertThat(claims.getString("tenant_id")).as("the resolved tenant, not the token's raw claim")
                .isEqualTo(TENANT.toString());
        assertThat(claims.getString("sub")).isEqualTo(USER);
        assertThat(claims.getString("email")).isEqualTo("u@example.com");
        assertThat(row.getString("tenant")).isEqualTo(TENANT.toString());
        assertThat(row.getString("read_only")).isEqualTo("on");
    }

    @Test
    void oneStatementRunsAsTheCallerInATransactionOfItsOwn() {
        Caller caller = new Caller(USER, Optional.of(TENANT), Set.of("user"), false,
                new JsonObject().put("sub", USER));
        Row row = database.list(caller, SqlFragment.sql("""
                SELECT current_user AS role_name, public.current_tenant_id()::text AS tenant,
                       current_setting('transaction_read_only') AS read_only
                """), row1 -> row1).await().indefinitely().get(0);

        assertThat(row.getString("role_name")).isEqualTo("authenticated");
        assertThat(row.getString("tenant")).isEqualTo(TENANT.toString());
        assertThat(row.getString("read_only")).isEqualTo("on");
    }

    @Test
    void aFailedStatementLeavesNoTransactionOpenOnItsConnection() throws SQLException {
        Caller caller = new Caller(USER, Optional.of(TENANT), Set.of("user"), false, new JsonObject());
        // more failures than the pool has connections, so every connection has failed once
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> database.list(caller, SqlFragment.sql("SELECT 1 / (?::int - ?::int) AS n", 1, 1),
                    row -> row.getInteger("n")).await().indefinitely())
                    .isInstanceOf(PgException.class)
                    .extracting(e -> ((PgException) e).getSqlState()).isEqualTo("22012");
        }
        try (Connection owner = OwnerDatabase.connect(); Statement statement = owner.createStatement();
                ResultSet open = statement.executeQuery("SELECT count(*) FROM pg_stat_activity "
                        + "WHERE usename = 'copilot_metrics_app' AND state LIKE 'idle in transaction%'")) {
            open.next();
            assertThat(open.getInt(1)).as("pooled connections left inside a transaction").isZero();
        }
        assertThat(database.list(caller, SqlFragment.sql("SELECT public.current_tenant_id()::text AS tenant"),
                row -> row.getString("tenant")).await().indefinitely()).containsExactly(TENANT.toString());
    }

    @Test
    void administratorWithoutTenantReadsAsAnalyticsReader() {
        Caller admin = new Caller("admin-1", Optional.empty(), Set.of("platform-admin"), true, new JsonObject());
        Row row = database.read(admin, TenantDatabaseTest::session).await().indefinitely();
        assertThat(row.getString("role_name")).isEqualTo("analytics_reader");
        assertThat(row.getString("tenant")).isNull();
    }

    @Test
    void writesInAReadAreRefusedByTheDatabase() {
        Caller caller = new Caller(USER, Optional.of(TENANT), Set.of(), false, new JsonObject());
        assertThatThrownBy(() -> database.read(caller, connection -> connection
                .query("CREATE TEMPORARY TABLE scratch (id int)").execute()).await().indefinitely())
                .isInstanceOf(PgException.class)
                .extracting(e -> ((PgException) e).getSqlState()).isEqualTo("25006");
    }

    @Test
    void writeRunsReadWriteAsTheCallersWriteRoleAndCommits() {
        Caller caller = new Caller(USER, Optional.of(TENANT), Set.of("user"), false, new JsonObject());
        Row row = database.write(caller, connection -> connection.preparedQuery("""
                INSERT INTO copilot_internal.conversations (tenant_id, user_id, title) VALUES ($1, $2, 'written')
                RETURNING current_user AS role_name, current_setting('transaction_read_only') AS read_only
                """).execute(Tuple.of(TENANT, UUID.fromString(USER))).map(rows -> rows.iterator().next()))
                .await().indefinitely();

        assertThat(row.getString("role_name")).isEqualTo("authenticated");
        assertThat(row.getString("read_only")).isEqualTo("off");
        long written = database.read(caller, connection -> connection
                .query("SELECT count(*) AS n FROM copilot_internal.conversations WHERE title = 'written'").execute()
                .map(rows -> rows.iterator().next().getLong("n"))).await().indefinitely();
        assertThat(written).as("committed and visible to the tenant").isEqualTo(1);
    }

    @Test
    void writeForAnotherTenantIsRefusedByRowLevelSecurity() {
        Caller caller = new Caller(USER, Optional.of(TENANT), Set.of("user"), false, new JsonObject());
        assertThatThrownBy(() -> database.write(caller, connection -> connection.preparedQuery(
                "INSERT INTO copilot_internal.conversations (tenant_id, user_id, title) VALUES ($1, $2, 'intruder')")
                .execute(Tuple.of(OTHER_TENANT, UUID.fromString(USER)))).await().indefinitely())
                .isInstanceOf(PgException.class)
                .extracting(e -> ((PgException) e).getSqlState()).isEqualTo("42501");
    }

    @Test
    void callerReadingAcrossTenantsMayNotWrite() {
        Caller admin = new Caller("admin-1", Optional.empty(), Set.of("platform-admin"), true, new JsonObject());
        // a checked exception: await() hands it over wrapped
        assertThatThrownBy(() -> database.write(admin, TenantDatabaseTest::session).await().indefinitely())
                .hasCauseInstanceOf(ForbiddenException.class);
    }

    private static io.smallrye.mutiny.Uni<Row> session(io.vertx.mutiny.sqlclient.SqlConnection connection) {
        return connection.query("""
                SELECT current_user AS role_name,
                       current_setting('request.jwt.claims', true) AS claims,
                       public.current_tenant_id()::text AS tenant,
                       current_setting('transaction_read_only') AS read_only
                """).execute().map(rows -> rows.iterator().next());
    }
}
