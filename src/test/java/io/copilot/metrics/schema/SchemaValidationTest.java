package io.copilot.metrics.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.OwnerDatabase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The nine check categories of the seeds' validation script (seed 000, Task 1.5.4), run
 * against the database the application migrated at startup.
 */
@QuarkusTest
class SchemaValidationTest {

    @Test
    void schemasExist() throws SQLException {
        assertThat(names("SELECT nspname FROM pg_namespace"))
                .contains("copilot_internal", "metrics", "public");
    }

    @Test
    void coreTenantTablesExist() throws SQLException {
        assertThat(tables()).contains("tenants", "tenant_memberships", "user_preferences", "tenant_llm_policies");
    }

    @Test
    void conversationTablesExist() throws SQLException {
        assertThat(tables()).contains("conversations", "conversation_messages", "conversation_contexts",
                "conversation_paths", "conversation_configs", "conversation_trace_spans", "compaction_operations");
    }

    @Test
    void costTrackingTablesExist() throws SQLException {
        assertThat(tables()).contains("llm_cost_records", "e2b_cost_records", "cost_quotas", "model_pricing",
                "e2b_pricing", "llm_cost_estimates", "e2b_cost_estimates");
    }

    @Test
    void executionContextsHavePartialUniqueIndexOnActivePaths() throws SQLException {
        assertThat(tables()).contains("execution_contexts");
        assertThat(names("""
                SELECT indexdef FROM pg_indexes
                WHERE schemaname = 'copilot_internal' AND indexname = 'idx_execution_contexts_unique_active_path'
                """)).singleElement().asString()
                .contains("UNIQUE INDEX")
                .contains("(tenant_id, conversation_id, path_id)")
                .contains("WHERE (terminated_at IS NULL)");
    }

    @Test
    void rowLevelSecurityIsEnabledAndForcedOnEveryTable() throws SQLException {
        List<String> unprotected = names("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'copilot_internal' AND c.relkind IN ('r', 'p')
                  AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
                """);
        assertThat(unprotected).as("tables without enabled and forced RLS").isEmpty();
        assertThat(tables()).hasSizeGreaterThanOrEqualTo(18);
    }

    @Test
    void everyViewIsSecurityInvoker() throws SQLException {
        List<String> definerViews = names("""
                SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'v' AND n.nspname IN ('copilot_internal', 'metrics', 'public')
                  AND NOT coalesce(c.reloptions @> ARRAY['security_invoker=true'], false)
                """);
        assertThat(definerViews).as("views that run with their owner's rights").isEmpty();
    }

    @Test
    void metricsViewsExist() throws SQLException {
        // the seeds' 14, the price catalogue, the tenants, and seed 004's event log and sessions
        assertThat(names("SELECT table_name FROM information_schema.views WHERE table_schema = 'metrics'"))
                .containsExactlyInAnyOrder("all_costs", "cost_by_tenant", "cost_by_user", "cost_by_conversation",
                        "quota_status", "llm_costs", "llm_model_usage", "llm_costs_daily", "e2b_costs",
                        "e2b_sandbox_usage", "e2b_costs_daily", "cost_estimates", "tenant_total_costs",
                        "top_spending_tenants", "llm_prices", "e2b_prices", "tenants", "events", "recent_events",
                        "error_summary", "performance_metrics", "sessions");
        assertThat(names("""
                SELECT table_name FROM information_schema.views
                WHERE table_schema = 'copilot_internal' AND table_name LIKE '%cost%summary%'
                """)).containsExactlyInAnyOrder("combined_cost_summary_by_tenant", "cost_summary_by_model",
                "cost_summary_by_task", "cost_summary_by_tenant", "e2b_cost_summary_by_conversation",
                "e2b_cost_summary_by_tenant", "e2b_cost_summary_by_tier");
    }

    @Test
    void keyFunctionsExist() throws SQLException {
        assertThat(names("SELECT routine_name FROM information_schema.routines WHERE routine_schema = 'copilot_internal'"))
                .contains("check_e2b_quota", "calculate_e2b_cost", "increment_e2b_quota_spend",
                        "get_current_model_pricing", "calculate_llm_cost", "check_and_increment_quota",
                        "cleanup_old_terminated_contexts", "get_conversations_needing_compaction",
                        "initialize_tenant_quotas");
        assertThat(names("SELECT routine_name FROM information_schema.routines WHERE routine_schema = 'public'"))
                .contains("current_tenant_id", "current_user_id", "current_jwt_claims");
        assertThat(names("SELECT routine_name FROM information_schema.routines WHERE routine_schema = 'copilot_private'"))
                .contains("my_memberships");
    }

    @Test
    void costQuotasHaveResourceTypeDefaultingToLlm() throws SQLException {
        assertThat(names("""
                SELECT column_default FROM information_schema.columns
                WHERE table_schema = 'copilot_internal' AND table_name = 'cost_quotas' AND column_name = 'resource_type'
                """)).singleElement().asString().contains("'llm'");
    }

    @Test
    void noFixMigrationsWereAppliedAndEveryScriptFollowsFlywayNaming() throws SQLException {
        List<String> scripts = names("SELECT script FROM public.flyway_schema_history WHERE success ORDER BY installed_rank");
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(18)
                .allMatch(name -> name.matches("db/migration/(V\\d+|R)__[a-z0-9_]+\\.sql"), "V<n>__<what>.sql or R__<what>.sql")
                .noneMatch(name -> name.toLowerCase().contains("fix"));
    }

    private static List<String> tables() throws SQLException {
        return names("SELECT tablename FROM pg_tables WHERE schemaname = 'copilot_internal'");
    }

    private static List<String> names(String sql) throws SQLException {
        return OwnerDatabase.firstColumn(sql);
    }
}
