package io.copilot.metrics.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * JDBC access to the migrated test database as the migration owner (the role Flyway uses),
 * for loading fixtures and for switching into the application roles the way the service does:
 * set_config('role', ..., true) and set_config('request.jwt.claims', ..., true).
 */
public final class OwnerDatabase {

    private OwnerDatabase() {
    }

    public static String url() {
        return ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
    }

    public static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(
                url(),
                config.getValue("quarkus.flyway.username", String.class),
                config.getOptionalValue("quarkus.flyway.password", String.class).orElse(""));
    }

    @FunctionalInterface
    public interface SqlWork {
        void run(Connection connection) throws SQLException;
    }

    /** Runs the work in a transaction that is always rolled back, so tests leave nothing behind. */
    public static void inRolledBackTransaction(SqlWork work) throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try {
                work.run(connection);
            } finally {
                connection.rollback();
            }
        }
    }

    /** Loads fixtures/tenant.sql for one tenant. */
    public static void loadTenant(Connection connection, FixtureTenant tenant) throws SQLException {
        String sql = resource("fixtures/tenant.sql");
        for (Map.Entry<String, String> placeholder : Map.of(
                "${t}", tenant.idPrefix(), "${slug}", tenant.slug(), "${name}", tenant.name()).entrySet()) {
            sql = sql.replace(placeholder.getKey(), placeholder.getValue());
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Becomes {@code role} with the given claims for the rest of the transaction. */
    public static void actAs(Connection connection, String role, String claimsJson) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT set_config('role', ?, true), set_config('request.jwt.claims', ?, true)")) {
            statement.setString(1, role);
            statement.setString(2, claimsJson == null ? "" : claimsJson);
            statement.execute();
        }
    }

    public static long count(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The first column of every row of a catalog query, as text. */
    public static List<String> firstColumn(String sql) throws SQLException {
        try (Connection connection = connect()) {
            return firstColumn(connection, sql);
        }
    }

    /** The first column of every row of a query on an open connection (its transaction), as text. */
    public static List<String> firstColumn(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    public static String resource(String path) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
