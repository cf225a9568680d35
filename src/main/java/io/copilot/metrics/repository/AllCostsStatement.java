package io.copilot.metrics.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.copilot.metrics.repository.CostRepository.CostQuery;

/**
 * allCosts' SQL for the filters actually given, still fully parameterised: a condition such
 * as "$1 IS NULL OR occurred_at >= $1" would hide the time range from a generic plan and make
 * PostgreSQL walk a tenant's whole history to find the first page. One shape per combination
 * of filters, so prepared statements stay few. Each cost type is paged on its own (ORDER BY
 * and LIMIT inside the branch, an index-ordered scan that stops after a page) and the two
 * pages merged; over the union view PostgreSQL would read the whole range and sort it.
 */
public record AllCostsStatement(String sql, List<Object> parameters, int tenantParameter, int cursorParameter) {

    /**
     * @param tenant the caller's tenant, when it has one. Row-level security already limits the
     *               rows to it; named again as a parameter it lets the planner page along the
     *               (tenant_id, occurred_at, id) index, which it cannot do with the policy's
     *               once-per-statement subquery.
     */
    public static AllCostsStatement of(CostQuery query, CostCursor after, int limit, UUID tenant) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        condition(conditions, parameters, "c.tenant_id = $%d", tenant);
        int tenantParameter = tenant == null ? 0 : parameters.size();
        condition(conditions, parameters, "c.occurred_at >= $%d", query.from());
        condition(conditions, parameters, "c.occurred_at < $%d", query.to());
        condition(conditions, parameters, "c.user_id = $%d", query.userId());
        condition(conditions, parameters, "c.conversation_id = $%d", query.conversationId());
        condition(conditions, parameters, "c.provider = $%d", query.provider());
        condition(conditions, parameters, "c.model = $%d", query.model());
        int cursorParameter = 0;
        if (after != null) {
            cursorParameter = parameters.size() + 1;
            conditions.add("(c.occurred_at, c.id) > ($" + cursorParameter + ", $" + (cursorParameter + 1) + ")");
            parameters.add(after.occurredAt());
            parameters.add(after.id());
        }
        parameters.add(limit);
        String limitParameter = "$" + parameters.size();
        List<String> types = query.costType() != null ? List.of(query.costType().databaseValue()) : List.of("llm", "e2b");
        List<String> branches = new ArrayList<>();
        for (String type : types) {
            List<String> branchConditions = new ArrayList<>(conditions);
            // a constant, so the planner keeps only the union view's branch of this type
            branchConditions.add("c.cost_type = '" + type + "'");
            branches.add("(SELECT c.* FROM metrics.all_costs c WHERE " + String.join(" AND ", branchConditions)
                    + " ORDER BY c.occurred_at, c.id LIMIT " + limitParameter + ")");
        }
        String sql = "SELECT page.* FROM (" + String.join(" UNION ALL ", branches) + ") AS page"
                + " ORDER BY page.occurred_at, page.id LIMIT " + limitParameter;
        return new AllCostsStatement(sql, parameters, tenantParameter, cursorParameter);
    }

    private static void condition(List<String> conditions, List<Object> parameters, String sql, Object value) {
        if (value != null) {
            parameters.add(value);
            conditions.add(sql.formatted(parameters.size()));
        }
    }
}
