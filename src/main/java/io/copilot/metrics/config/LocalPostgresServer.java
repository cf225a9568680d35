package io.copilot.metrics.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PostgreSQL server on this machine, for dev mode and tests where no container engine can
 * run Dev Services. Connection settings follow libpq's PG* environment variables, defaulting
 * to 127.0.0.1:5432 as postgres.
 */
public final class LocalPostgresServer {

    private LocalPostgresServer() {
    }

    /** True when Dev Services cannot start containers here (COPILOT_METRICS_DB=local forces it). */
    public static boolean isNeeded() {
        if ("local".equalsIgnoreCase(System.getenv("COPILOT_METRICS_DB"))) {
            return true;
        }
        if (System.getenv("DOCKER_HOST") != null) {
            return false;
        }
        return !Files.exists(Path.of("/var/run/docker.sock"))
                && !Files.exists(Path.of(System.getProperty("user.home"), ".docker/run/docker.sock"));
    }

    public static String host() {
        return env("PGHOST", "127.0.0.1");
    }

    public static String port() {
        return env("PGPORT", "5432");
    }

    public static String adminUser() {
        return env("PGUSER", "postgres");
    }

    /** PgJDBC insists on a password; a server that trusts loopback ignores it. */
    public static String adminPassword() {
        return env("PGPASSWORD", "postgres");
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** Opens a connection as the admin user to the maintenance database. */
    public static Connection connectAsAdmin() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(env("PGDATABASE", "postgres")), adminUser(), adminPassword());
    }

    public static void createDatabaseIfMissing(String database) {
        try (Connection admin = connectAsAdmin();
                PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = admin.createStatement()) {
                create.execute("CREATE DATABASE \"" + database.replace("\"", "") + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach PostgreSQL at " + host() + ":" + port() + " as "
                    + adminUser() + " to prepare database " + database + ". Is the server running?", e);
        }
    }

    /**
     * Datasource settings for {@code database}: the reactive pool as the runtime role (no
     * password: loopback is trusted), Flyway as the admin user.
     */
    public static Map<String, String> datasourceConfig(String database) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.devservices.enabled", "false");
        config.put("quarkus.datasource.reactive.url",
                "postgresql://" + host() + ":" + port() + "/" + database);
        config.put("quarkus.datasource.jdbc.url", jdbcUrl(database));
        config.put("quarkus.datasource.password", "");
        config.put("quarkus.flyway.jdbc-url", jdbcUrl(database));
        config.put("quarkus.flyway.username", adminUser());
        config.put("quarkus.flyway.password", adminPassword());
        return config;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
