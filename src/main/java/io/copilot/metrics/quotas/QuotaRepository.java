package io.copilot.metrics.quotas;

import static io.copilot.metrics.tenancy.Rows.id;
import static io.copilot.metrics.tenancy.Rows.exact;
import static io.copilot.metrics.tenancy.Rows.money;
import static io.copilot.metrics.tenancy.SqlFragment.sql;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.tenancy.Caller;
import io.copilot.metrics.tenancy.SqlFragment;
import io.copilot.metrics.tenancy.TenantDatabase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/** Quota reads over metrics.quota_status, in the caller's tenant-scoped transaction. */
@ApplicationScoped
public class QuotaRepository {

    public static final SqlFragment IN_FORCE = sql("SELECT q.* FROM metrics.quota_status q "
            + "ORDER BY q.tenant_id NULLS FIRST, q.scope, q.scope_id, q.resource_type");

    private final TenantDatabase database;

    public QuotaRepository(TenantDatabase database) {
        this.database = database;
    }

    public Uni<List<QuotaStatus>> inForce(Caller caller) {
        return database.list(caller, IN_FORCE, QuotaRepository::quotaStatus);
    }

    /** The quotas among {@code quotaIds} that are in force now and that the caller may see: what an alert re-reads. */
    public Uni<List<QuotaStatus>> inForce(Caller caller, Collection<UUID> quotaIds) {
        return database.list(caller, sql("SELECT q.* FROM metrics.quota_status q WHERE q.quota_id = ANY (?::uuid[])",
                (Object) quotaIds.toArray(UUID[]::new)), QuotaRepository::quotaStatus);
    }

    private static QuotaStatus quotaStatus(Row row) {
        return new QuotaStatus(id(row, "quota_id"), id(row, "tenant_id"), row.getString("scope"),
                id(row, "scope_id"), row.getString("resource_type"), money(row, "limit_usd"),
                money(row, "current_spend_usd"), money(row, "remaining_usd"), exact(row, "usage_percentage"),
                exact(row, "warning_threshold"), QuotaState.valueOf(row.getString("status")), row.getString("period"),
                row.getOffsetDateTime("period_start"), row.getOffsetDateTime("period_end"), money(row, "reserved_usd"));
    }
}
