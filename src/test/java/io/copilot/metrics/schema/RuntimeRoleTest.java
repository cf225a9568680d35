package io.copilot.metrics.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgException;

/** What the service's own reactive pool is allowed to do before it switches role. */
@QuarkusTest
class RuntimeRoleTest {

    @Inject
    Pool pool;

    @Test
    void poolLogsInAsAnUnprivilegedRoleThatOwnsNothing() {
        Row role = pool.query("""
                SELECT r.rolname, r.rolsuper, r.rolbypassrls, r.rolinherit,
                       (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname IN ('copilot_internal', 'metrics') AND c.relowner = r.oid) AS owned
                FROM pg_roles r WHERE r.rolname = current_user
                """).execute().await().indefinitely().iterator().next();

        assertThat(role.getString("rolname")).isEqualTo("copilot_metrics_app");
        assertThat(role.getBoolean("rolsuper")).isFalse();
        assertThat(role.getBoolean("rolbypassrls")).isFalse();
        assertThat(role.getBoolean("rolinherit")).as("inherits the privileges of its member roles").isFalse();
        assertThat(role.getLong("owned")).isZero();
    }

    @Test
    void thePoolsSessionsDoNotCompileStatementsJustInTime() {
        // a generic plan's estimates can pass jit_above_cost; compiling costs more than running (V22)
        assertThat(pool.query("SHOW jit").execute().await().indefinitely().iterator().next().getString(0))
                .isEqualTo("off");
    }

    @Test
    void withoutSwitchingRoleThePoolCannotReadTenantData() {
        assertThatThrownBy(() -> pool.query("SELECT count(*) FROM copilot_internal.llm_cost_records")
                .execute().await().indefinitely())
                .isInstanceOf(PgException.class)
                .extracting(e -> ((PgException) e).getSqlState()).isEqualTo("42501");
        assertThatThrownBy(() -> pool.query("SELECT count(*) FROM metrics.all_costs")
                .execute().await().indefinitely())
                .isInstanceOf(PgException.class)
                .extracting(e -> ((PgException) e).getSqlState()).isEqualTo("42501");
    }

    @Test
    void thePoolCannotBecomeServiceRole() {
        assertThatThrownBy(() -> pool.query("SELECT set_config('role', 'service_role', false)")
                .execute().await().indefinitely())
                .isInstanceOf(PgException.class)
                .extracting(e -> ((PgException) e).getSqlState()).isEqualTo("42501");
    }
}
