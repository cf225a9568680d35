package io.copilot.metrics.costs;

import static io.copilot.metrics.tenancy.SqlFragment.sql;
import static io.copilot.metrics.tenancy.SqlFragment.whenGiven;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.copilot.metrics.tenancy.SqlFragment;

/**
 * A validated allCosts request and its SQL, written for the filters actually given: a
 * condition such as "$1 IS NULL OR occurred_at >= $1" would hide the time range from a generic
 * plan and make PostgreSQL walk a tenant's whole history to find the first page. One shape per
 * combination of filters, so prepared statements stay few. Each cost type is paged on its own
 * (ORDER BY and LIMIT inside the branch: an index-ordered scan that stops after a page) and the
 * two pages merged; over the union view PostgreSQL would read the whole range and sort it.
 *
 * @param after the position to continue from, or null for the first page
 */
public record AllCostsQuery(OffsetDateTime from, OffsetDateTime to, CostType costType, UUID userId,
        UUID conversationId, String provider, String model, CostCursor after) {

    /**
     * @param tenant the caller's tenant, when it has one. Row-level security already limits the
     *               rows to it; named again as a parameter it lets the planner page along the
     *               (tenant_id, occurred_at, id) index, which it cannot do with the policy's
     *               once-per-statement subquery.
     * @param limit  rows to read (a page and one more)
     */
    SqlFragment statement(UUID tenant, int limit) {
        List<SqlFragment> conditions = conditions(tenant);
        List<CostType> types = costType != null ? List.of(costType) : List.of(CostType.LLM, CostType.E2B);
        List<SqlFragment> branches = new ArrayList<>();
        for (CostType type : types) {
            List<SqlFragment> branchConditions = new ArrayList<>(conditions);
            // a constant, so the planner keeps only the union view's branch of this type
            branchConditions.add(sql("c.cost_type = '" + type.databaseValue() + "'"));
            branches.add(sql("(SELECT c.* FROM metrics.all_costs c WHERE ")
                    .append(SqlFragment.join(" AND ", branchConditions))
                    .append(" ORDER BY c.occurred_at, c.id LIMIT ?)", limit));
        }
        return sql("SELECT page.* FROM (").append(SqlFragment.join(" UNION ALL ", branches))
                .append(") AS page ORDER BY page.occurred_at, page.id LIMIT ?", limit);
    }

    /**
     * Every matching cost in the same order, for the CSV export: PostgreSQL merges the two
     * branches' index scans (Merge Append), so rows stream out in order without a sort.
     */
    SqlFragment everything(UUID tenant) {
        List<SqlFragment> conditions = conditions(tenant);
        if (costType != null) {
            conditions.add(sql("c.cost_type = '" + costType.databaseValue() + "'"));
        }
        return sql("SELECT c.* FROM metrics.all_costs c").append(conditions.isEmpty() ? sql("")
                : sql(" WHERE ").append(SqlFragment.join(" AND ", conditions))).append(" ORDER BY c.occurred_at, c.id");
    }

    private List<SqlFragment> conditions(UUID tenant) {
        List<SqlFragment> conditions = new ArrayList<>();
        whenGiven(conditions, "c.tenant_id = ?", tenant);
        whenGiven(conditions, "c.occurred_at >= ?", from);
        whenGiven(conditions, "c.occurred_at < ?", to);
        whenGiven(conditions, "c.user_id = ?", userId);
        whenGiven(conditions, "c.conversation_id = ?", conversationId);
        whenGiven(conditions, "c.provider = ?", provider);
        whenGiven(conditions, "c.model = ?", model);
        if (after != null) {
            conditions.add(sql("(c.occurred_at, c.id) > (?, ?)", after.occurredAt(), after.id()));
        }
        return conditions;
    }
}
