package io.copilot.metrics.repository;

import java.util.ArrayList;
import java.util.List;

import io.copilot.metrics.repository.CostRepository.CostQuery;

/**
 * allCosts' SQL for the filters actually given, still fully parameterised: a condition such
 * as "$1 IS NULL OR occurred_at >= $1" would hide the time range from a generic plan and make
 * PostgreSQL walk a tenant's whole history to find the first page. One shape per combination
 * of filters, so prepared statements stay few.
 */
public record AllCostsStatement(String sql, List<Object> parameters, int cursorParameter) {

    public static AllCostsStatement of(CostQuery query, CostCursor after, int limit) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        condition(conditions, parameters, "c.occurred_at >= $%d", query.from());
        condition(conditions, parameters, "c.occurred_at < $%d", query.to());
        condition(conditions, parameters, "c.cost_type = $%d",
                query.costType() == null ? null : query.costType().databaseValue());
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
        String sql = "SELECT c.* FROM metrics.all_costs c"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY c.occurred_at, c.id LIMIT $" + parameters.size();
        return new AllCostsStatement(sql, parameters, cursorParameter);
    }

    private static void condition(List<String> conditions, List<Object> parameters, String sql, Object value) {
        if (value != null) {
            parameters.add(value);
            conditions.add(sql.formatted(parameters.size()));
        }
    }
}
