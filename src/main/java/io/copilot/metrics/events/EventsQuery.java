package io.copilot.metrics.events;

import static io.copilot.metrics.tenancy.SqlFragment.sql;
import static io.copilot.metrics.tenancy.SqlFragment.whenGiven;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.copilot.metrics.costs.CostCursor;
import io.copilot.metrics.tenancy.SqlFragment;

/**
 * A validated events request and its SQL, written for the filters actually given (as
 * costs.AllCostsQuery, so a generic plan still sees the time range and walks the tenant's
 * (tenant_id, occurred_at, id) index newest first, stopping after a page).
 *
 * @param after the position to continue from, or null for the first page
 */
record EventsQuery(OffsetDateTime from, OffsetDateTime to, String type, EventCategory category, String source,
        EventSeverity severity, String search, CostCursor after) {

    /**
     * @param tenant the caller's tenant, named again beside row-level security so the planner
     *               pages along the tenant's index
     * @param limit  rows to read (a page and one more)
     */
    SqlFragment statement(UUID tenant, int limit) {
        List<SqlFragment> conditions = new ArrayList<>();
        whenGiven(conditions, "e.tenant_id = ?", tenant);
        conditions.add(sql("e.occurred_at >= ?", from));
        conditions.add(sql("e.occurred_at < ?", to));
        whenGiven(conditions, "e.event_type = ?", type);
        whenGiven(conditions, "e.category = ?", category == null ? null : category.databaseValue());
        whenGiven(conditions, "e.source = ?", source);
        whenGiven(conditions, "e.severity = ?", severity == null ? null : severity.databaseValue());
        whenGiven(conditions, "e.search_vector @@ websearch_to_tsquery('simple', ?)", search);
        if (after != null) {
            conditions.add(sql("(e.occurred_at, e.id) < (?, ?)", after.occurredAt(), after.id()));
        }
        return sql("SELECT e.id, e.tenant_id, e.event_id, e.source, e.event_type, e.category, e.severity, e.subject, "
                + "e.message, e.metadata, e.duration_ms, e.user_id, e.session_id, e.trace_id, e.occurred_at, "
                + "e.received_at FROM metrics.events e WHERE ").append(SqlFragment.join(" AND ", conditions))
                .append(" ORDER BY e.occurred_at DESC, e.id DESC LIMIT ?", limit);
    }
}
