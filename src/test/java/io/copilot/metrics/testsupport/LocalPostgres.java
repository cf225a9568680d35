package io.copilot.metrics.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.copilot.metrics.config.LocalPostgresServer;

/**
 * A fresh database on the local server for each test JVM, so runs repeat. It is dropped when
 * the JVM exits; databases left behind by JVMs that died are dropped by the next run.
 */
public final class LocalPostgres {

    private static final String DATABASE_PREFIX = "copilot_metrics_test_";

    // A system property, not a static field: Quarkus loads this class in several class loaders
    // (build-time and runtime configuration), and they must all see the same database.
    private static final String DATABASE_PROPERTY = "copilot.metrics.test.database";

    private LocalPostgres() {
    }

    /** The fresh database of this JVM, created on first use. */
    public static String database() {
        synchronized (System.getProperties()) {
            String name = System.getProperty(DATABASE_PROPERTY);
            if (name == null) {
                name = createFreshDatabase();
                System.setProperty(DATABASE_PROPERTY, name);
            }
            return name;
        }
    }

    private static String createFreshDatabase() {
        String name = DATABASE_PREFIX + ProcessHandle.current().pid() + "_" + System.currentTimeMillis();
        try (Connection admin = LocalPostgresServer.connectAsAdmin(); Statement statement = admin.createStatement()) {
            for (String stale : staleDatabases(statement)) {
                statement.execute("DROP DATABASE IF EXISTS \"" + stale + "\" WITH (FORCE)");
            }
            statement.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on " + LocalPostgresServer.host() + ":"
                    + LocalPostgresServer.port() + ". Is PostgreSQL running?", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> dropQuietly(name)));
        return name;
    }

    private static List<String> staleDatabases(Statement statement) throws SQLException {
        List<String> stale = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(
                "SELECT datname FROM pg_database WHERE datname LIKE '" + DATABASE_PREFIX + "%'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (ownerPid(name).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).isEmpty()) {
                    stale.add(name);
                }
            }
        }
        return stale;
    }

    private static Optional<Long> ownerPid(String databaseName) {
        try {
            return Optional.of(Long.parseLong(databaseName.substring(DATABASE_PREFIX.length()).split("_")[0]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void dropQuietly(String name) {
        try (Connection admin = LocalPostgresServer.connectAsAdmin(); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        } catch (SQLException ignored) {
            // the next run drops it as stale
        }
    }
}
