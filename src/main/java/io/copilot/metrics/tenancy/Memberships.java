package io.copilot.metrics.tenancy;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * The caller's own memberships, answered by the database for the subject alone, before any
 * tenant is chosen (metrics.my_memberships()).
 */
@ApplicationScoped
public class Memberships {

    private static final SqlFragment MINE = SqlFragment.sql(
            "SELECT m.tenant_id, m.tenant_slug, m.tenant_name, m.role FROM metrics.my_memberships() m");

    private final TenantDatabase database;

    public Memberships(TenantDatabase database) {
        this.database = database;
    }

    public Uni<Boolean> isActiveMember(Caller caller, UUID tenantId) {
        return database.list(caller.subjectOnly(),
                SqlFragment.sql("SELECT EXISTS (SELECT 1 FROM metrics.my_memberships() m WHERE m.tenant_id = ?) AS member",
                        tenantId),
                row -> row.getBoolean("member")).map(rows -> rows.get(0));
    }

    public Uni<List<Membership>> of(Caller caller) {
        return database.list(caller.subjectOnly(), MINE, row -> new Membership(Rows.id(row, "tenant_id"),
                row.getString("tenant_slug"), row.getString("tenant_name"), row.getString("role")));
    }
}
