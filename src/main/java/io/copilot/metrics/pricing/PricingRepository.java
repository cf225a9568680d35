package io.copilot.metrics.pricing;

import static io.copilot.metrics.tenancy.Rows.id;
import static io.copilot.metrics.tenancy.Rows.money;
import static io.copilot.metrics.tenancy.SqlFragment.sql;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.tenancy.Caller;
import io.copilot.metrics.tenancy.TenantDatabase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/** Price reads over metrics.llm_prices and metrics.e2b_prices, in the caller's transaction like every read. */
@ApplicationScoped
public class PricingRepository {

    private static final String IN_FORCE = " WHERE p.effective_from <= ? AND (p.effective_until IS NULL OR p.effective_until > ?)";

    private final TenantDatabase database;

    public PricingRepository(TenantDatabase database) {
        this.database = database;
    }

    /** Both lists in one transaction, so they describe the same moment of the catalogue. */
    public Uni<PriceCatalogue> catalogue(Caller caller, OffsetDateTime at) {
        return database.read(caller, connection -> TenantDatabase.list(connection,
                sql("SELECT p.* FROM metrics.llm_prices p" + IN_FORCE + " ORDER BY p.provider, p.model", at, at),
                PricingRepository::llmPrice)
                .flatMap(models -> TenantDatabase.list(connection, sql("SELECT p.* FROM metrics.e2b_prices p"
                        + IN_FORCE + " ORDER BY p.tier, p.region", at, at), PricingRepository::sandboxPrice)
                        .map(tiers -> new PriceCatalogue(at, models, tiers))));
    }

    public Uni<List<LlmPrice>> llmHistory(Caller caller, String provider, String model) {
        return database.list(caller, sql("SELECT p.* FROM metrics.llm_prices p WHERE p.provider = ? AND p.model = ? "
                + "ORDER BY p.effective_from", provider, model), PricingRepository::llmPrice);
    }

    public Uni<List<SandboxPrice>> sandboxHistory(Caller caller, String tier) {
        return database.list(caller, sql("SELECT p.* FROM metrics.e2b_prices p WHERE p.tier = ? "
                + "ORDER BY p.region, p.effective_from", tier), PricingRepository::sandboxPrice);
    }

    private static LlmPrice llmPrice(Row row) {
        return new LlmPrice(id(row, "id"), row.getString("provider"), row.getString("model"),
                money(row, "input_price_per_million"), money(row, "output_price_per_million"),
                money(row, "cached_input_price_per_million"), money(row, "cache_write_price_per_million"),
                money(row, "reasoning_price_per_million"), row.getOffsetDateTime("effective_from"),
                row.getOffsetDateTime("effective_until"), row.getString("notes"));
    }

    private static SandboxPrice sandboxPrice(Row row) {
        return new SandboxPrice(id(row, "id"), row.getString("tier"), row.getString("region"),
                money(row, "price_per_second"), money(row, "price_per_cpu_core_second"),
                money(row, "price_per_gb_memory_second"), money(row, "price_per_gb_disk_io"),
                row.getOffsetDateTime("effective_from"), row.getOffsetDateTime("effective_until"),
                row.getString("notes"));
    }
}
