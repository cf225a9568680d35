package io.copilot.metrics.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.OwnerDatabase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The README's run command on a machine that has never run it: dev mode's Flyway locations
 * (migrations plus demo data) applied to an empty database, in Flyway's own order, must
 * succeed and leave a dashboard to look at.
 */
@QuarkusTest
class DemoDataTest {

    @Test
    void migrationsAndDemoDataApplyToAnEmptyDatabase() throws SQLException {
        Config config = ConfigProvider.getConfig();
        String testUrl = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getValue("quarkus.flyway.username", String.class);
        String password = config.getOptionalValue("quarkus.flyway.password", String.class).orElse("");
        String database = "copilot_metrics_demo_" + ProcessHandle.current().pid();
        String url = testUrl.substring(0, testUrl.lastIndexOf('/') + 1) + database;
        try (Connection server = OwnerDatabase.connect(); Statement statement = server.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
        try {
            MigrateResult result = Flyway.configure().dataSource(url, user, password)
                    .locations("classpath:db/migration", "classpath:db/dev-data").load().migrate();
            assertThat(result.success).isTrue();
            assertThat(result.migrations).extracting(migration -> migration.filepath)
                    .anyMatch(path -> path.endsWith("R__demo_data.sql"));

            try (Connection connection = DriverManager.getConnection(url, user, password);
                    Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                statement.execute("SELECT set_config('role', 'analytics_reader', true)");
                assertThat(strings(statement, "SELECT tenant_name FROM metrics.cost_by_tenant WHERE total_cost_usd > 0"))
                        .containsExactlyInAnyOrder("Acme Corp", "Globex", "Initech", "Umbrella Research", "Hooli");
                assertThat(strings(statement, "SELECT DISTINCT status FROM metrics.quota_status"))
                        .contains("OK", "WARNING", "EXCEEDED");
                // what a breakdown by tag and the cache columns show
                assertThat(strings(statement, "SELECT DISTINCT metadata ->> 'feature' FROM metrics.all_costs "
                        + "WHERE cost_type = 'llm' AND cached_input_tokens > 0"))
                        .containsExactlyInAnyOrder("assistant", "search", "reports", "code-review");
                connection.rollback();
            }
        } finally {
            try (Connection server = OwnerDatabase.connect(); Statement statement = server.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private static List<String> strings(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
