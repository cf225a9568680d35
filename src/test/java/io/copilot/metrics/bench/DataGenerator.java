package io.copilot.metrics.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import io.copilot.metrics.config.LocalPostgresServer;

/**
 * Generates a realistic, deterministic (seeded) cost log into a fresh database migrated with the
 * real schema, RLS on: 1,000 tenants of Zipf-skewed size, 20k users, 200k conversations, and
 * {@code scale} x (1M LLM calls + 200k sandbox runs) over the 12 months before {@link #END},
 * plus quotas and estimates, loaded with COPY (the rollup triggers run as they would in
 * production).
 *
 * <pre>java ... DataGenerator [scale=1] [database=copilot_metrics_bench_&lt;scale&gt;]</pre>
 */
public final class DataGenerator {

    /** The data ends here, so every run at a scale produces the same rows. */
    public static final Instant END = Instant.parse("2026-11-01T00:00:00Z");
    public static final int TENANTS = 1_000;
    public static final int USERS = 20_000;
    public static final int CONVERSATIONS = 200_000;
    private static final long SEED = 42;
    private static final int CHUNK = 250_000;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx");

    record Model(String provider, String model, BigDecimal inputPrice, BigDecimal outputPrice) {
    }

    record Tier(String tier, BigDecimal pricePerSecond) {
    }

    private final SplittableRandom random = new SplittableRandom(SEED);
    private final double[] cumulativeWeight = new double[TENANTS];
    private final UUID[] tenants = new UUID[TENANTS];
    private final List<List<UUID>> usersOf = new ArrayList<>();
    private final List<List<UUID>> conversationsOf = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : Integer.getInteger("bench.scale", 1);
        String database = args.length > 1 ? args[1] : "copilot_metrics_bench_" + scale;
        new DataGenerator().generate(scale, database);
    }

    void generate(int scale, String database) throws SQLException, IOException {
        long started = System.nanoTime();
        recreate(database);
        Flyway.configure().dataSource(LocalPostgresServer.jdbcUrl(database), LocalPostgresServer.adminUser(),
                LocalPostgresServer.adminPassword()).locations("classpath:db/migration").load().migrate();
        log(started, "migrated " + database);

        try (Connection connection = DriverManager.getConnection(LocalPostgresServer.jdbcUrl(database),
                LocalPostgresServer.adminUser(), LocalPostgresServer.adminPassword())) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            List<Model> models = models(connection);
            List<Tier> tiers = tiers(connection);

            loadTenantsUsersConversations(copy);
            log(started, TENANTS + " tenants, " + USERS + " users, " + CONVERSATIONS + " conversations");

            List<UUID> estimated = new ArrayList<>();
            long llm = 1_000_000L * scale;
            for (long done = 0; done < llm; done += CHUNK) {
                copy.copyIn("COPY copilot_internal.llm_cost_records (id, tenant_id, user_id, conversation_id, "
                        + "task_type, provider, model, input_tokens, output_tokens, input_cost_usd, output_cost_usd, "
                        + "total_cost_usd, occurred_at) FROM STDIN", llmChunk((int) Math.min(CHUNK, llm - done),
                        models, estimated));
                log(started, (done + Math.min(CHUNK, llm - done)) + " LLM costs");
            }
            long e2b = 200_000L * scale;
            for (long done = 0; done < e2b; done += CHUNK) {
                copy.copyIn("COPY copilot_internal.e2b_cost_records (tenant_id, user_id, conversation_id, "
                        + "sandbox_id, template_id, tier, region, execution_time_seconds, execution_cost_usd, "
                        + "total_cost_usd, started_at, occurred_at) FROM STDIN",
                        e2bChunk((int) Math.min(CHUNK, e2b - done), tiers));
            }
            log(started, e2b + " E2B costs");

            try (Statement statement = connection.createStatement()) {
                statement.execute(estimatesSql(estimated));
                // Quotas of the last month of data, spent as the records say.
                statement.execute("SELECT copilot_internal.initialize_tenant_quotas(id, '" + END.minusSeconds(1)
                        + "') FROM copilot_internal.tenants");
                statement.execute("""
                        UPDATE copilot_internal.cost_quotas q SET current_spend_usd = coalesce((
                            SELECT sum(r.cost_usd) FROM copilot_internal.cost_rollups r
                            WHERE r.tenant_id = q.tenant_id AND r.grain = 'month' AND r.bucket = q.period_start
                              AND r.cost_type = q.resource_type), 0)
                        """);
                statement.execute("VACUUM ANALYZE");
            }
            log(started, "estimates, quotas, VACUUM ANALYZE");
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT (SELECT count(*) FROM copilot_internal.llm_cost_records),"
                            + " (SELECT count(*) FROM copilot_internal.e2b_cost_records),"
                            + " (SELECT count(*) FROM copilot_internal.cost_rollups),"
                            + " pg_size_pretty(pg_database_size(current_database()))")) {
                rs.next();
                log(started, "done: " + rs.getLong(1) + " LLM, " + rs.getLong(2) + " E2B, " + rs.getLong(3)
                        + " rollup rows, database " + rs.getString(4));
            }
        }
    }

    private void loadTenantsUsersConversations(CopyManager copy) throws SQLException, IOException {
        double total = 0;
        for (int i = 0; i < TENANTS; i++) {
            total += 1 / Math.pow(i + 1, 1.1);
            cumulativeWeight[i] = total;
        }
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < TENANTS; i++) {
            tenants[i] = uuid();
            cumulativeWeight[i] /= total;
            String plan = i < 50 ? "enterprise" : i < 250 ? "team" : "free";
            rows.append(tenants[i]).append('\t').append("tenant-").append(i).append('\t').append("Tenant ").append(i)
                    .append('\t').append(plan).append('\t').append(at(END.minus(Duration.ofDays(400)))).append('\n');
            usersOf.add(new ArrayList<>());
            conversationsOf.add(new ArrayList<>());
        }
        copy.copyIn("COPY copilot_internal.tenants (id, slug, name, plan, created_at) FROM STDIN", reader(rows));

        rows.setLength(0);
        for (int u = 0; u < USERS; u++) {
            // every tenant gets a user first, then users follow tenant size
            int tenant = u < TENANTS ? u : pickTenant();
            UUID user = uuid();
            usersOf.get(tenant).add(user);
            rows.append(tenants[tenant]).append('\t').append(user).append('\t')
                    .append(usersOf.get(tenant).size() == 1 ? "owner" : "member").append('\n');
        }
        copy.copyIn("COPY copilot_internal.tenant_memberships (tenant_id, user_id, role) FROM STDIN", reader(rows));

        rows.setLength(0);
        for (int c = 0; c < CONVERSATIONS; c++) {
            int tenant = pickTenant();
            UUID conversation = uuid();
            conversationsOf.get(tenant).add(conversation);
            rows.append(conversation).append('\t').append(tenants[tenant]).append('\t').append(pick(usersOf.get(tenant)))
                    .append('\t').append("Conversation ").append(c).append('\n');
        }
        copy.copyIn("COPY copilot_internal.conversations (id, tenant_id, user_id, title) FROM STDIN", reader(rows));
    }

    private Reader llmChunk(int count, List<Model> models, List<UUID> estimated) {
        StringBuilder rows = new StringBuilder(count * 260);
        for (int i = 0; i < count; i++) {
            int tenant = pickTenant();
            Model model = models.get(random.nextInt(models.size()));
            long input = 100 + random.nextInt(8000);
            long output = 20 + random.nextInt(2000);
            BigDecimal inputCost = cost(input, model.inputPrice());
            BigDecimal outputCost = cost(output, model.outputPrice());
            UUID id = uuid();
            if (random.nextInt(100) == 0) {
                estimated.add(id);
            }
            List<UUID> conversations = conversationsOf.get(tenant);
            rows.append(id).append('\t').append(tenants[tenant]).append('\t').append(pick(usersOf.get(tenant)))
                    .append('\t').append(conversations.isEmpty() || random.nextInt(10) < 3 ? "\\N" : pick(conversations))
                    .append('\t').append(random.nextInt(5) == 0 ? "summarization" : "chat")
                    .append('\t').append(model.provider()).append('\t').append(model.model())
                    .append('\t').append(input).append('\t').append(output)
                    .append('\t').append(inputCost.toPlainString()).append('\t').append(outputCost.toPlainString())
                    .append('\t').append(inputCost.add(outputCost).toPlainString())
                    .append('\t').append(at(instantInYear())).append('\n');
        }
        return reader(rows);
    }

    private Reader e2bChunk(int count, List<Tier> tiers) {
        StringBuilder rows = new StringBuilder(count * 240);
        for (int i = 0; i < count; i++) {
            int tenant = pickTenant();
            Tier tier = tiers.get(random.nextInt(tiers.size()));
            int seconds = 5 + random.nextInt(900);
            BigDecimal cost = tier.pricePerSecond().multiply(BigDecimal.valueOf(seconds));
            Instant ended = instantInYear();
            List<UUID> conversations = conversationsOf.get(tenant);
            rows.append(tenants[tenant]).append('\t').append(pick(usersOf.get(tenant)))
                    .append('\t').append(conversations.isEmpty() || random.nextInt(10) < 3 ? "\\N" : pick(conversations))
                    .append('\t').append("sbx-").append(Long.toHexString(random.nextLong()))
                    .append('\t').append(random.nextBoolean() ? "python-3.12" : "node-20")
                    .append('\t').append(tier.tier()).append('\t').append("us-east-1")
                    .append('\t').append(seconds).append('\t').append(cost.toPlainString())
                    .append('\t').append(cost.toPlainString())
                    .append('\t').append(at(ended.minusSeconds(seconds))).append('\t').append(at(ended)).append('\n');
        }
        return reader(rows);
    }

    private static String estimatesSql(List<UUID> estimated) {
        StringBuilder ids = new StringBuilder();
        for (UUID id : estimated) {
            ids.append(ids.length() == 0 ? "" : ",").append('\'').append(id).append('\'');
        }
        return """
                INSERT INTO copilot_internal.llm_cost_estimates (tenant_id, user_id, conversation_id, task_type,
                    provider, model, estimated_input_tokens, estimated_output_tokens, estimated_cost_usd,
                    llm_cost_record_id, created_at)
                SELECT tenant_id, user_id, conversation_id, task_type, provider, model, input_tokens, output_tokens,
                       round(total_cost_usd * 1.1, 10), id, occurred_at - interval '1 second'
                FROM copilot_internal.llm_cost_records WHERE id IN (""" + ids + ")";
    }

    private int pickTenant() {
        double point = random.nextDouble();
        int low = 0;
        int high = TENANTS - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulativeWeight[middle] < point) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Uniform over the year before END, at microsecond precision as PostgreSQL stores it. */
    private Instant instantInYear() {
        long micros = random.nextLong(365L * 86_400_000_000L);
        return END.minusNanos(1000 + micros * 1000);
    }

    private UUID uuid() {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }

    private static BigDecimal cost(long tokens, BigDecimal pricePerMillion) {
        return pricePerMillion.multiply(BigDecimal.valueOf(tokens)).divide(BigDecimal.valueOf(1_000_000), 10,
                RoundingMode.HALF_EVEN);
    }

    private static String at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC).format(TIMESTAMP);
    }

    private static Reader reader(StringBuilder rows) {
        return new StringReader(rows.toString());
    }

    private static List<Model> models(Connection connection) throws SQLException {
        List<Model> models = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT provider, model, input_price_per_million, output_price_per_million "
                        + "FROM copilot_internal.model_pricing ORDER BY provider, model")) {
            while (rs.next()) {
                models.add(new Model(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4)));
            }
        }
        return models;
    }

    private static List<Tier> tiers(Connection connection) throws SQLException {
        List<Tier> tiers = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT tier, price_per_second FROM copilot_internal.e2b_pricing ORDER BY tier")) {
            while (rs.next()) {
                tiers.add(new Tier(rs.getString(1), rs.getBigDecimal(2)));
            }
        }
        return tiers;
    }

    private static void recreate(String database) throws SQLException {
        try (Connection admin = LocalPostgresServer.connectAsAdmin(); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
        }
        LocalPostgresServer.createDatabaseIfMissing(database);
    }

    private static void log(long started, String message) {
        System.out.printf("[generate %6.1fs] %s%n", (System.nanoTime() - started) / 1e9, message);
    }
}
