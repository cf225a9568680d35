package io.copilot.metrics.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.copilot.metrics.config.LocalPostgresServer;

/** A database on the local server that a test owns: made empty at the start, dropped at the end. */
public final class ThrowawayDatabase {

    private ThrowawayDatabase() {
    }

    /** {@code prefix} and this JVM's pid, created afresh. */
    public static String fresh(String prefix) throws SQLException {
        String name = prefix + "_" + ProcessHandle.current().pid();
        drop(name);
        LocalPostgresServer.createDatabaseIfMissing(name);
        return name;
    }

    public static void drop(String name) throws SQLException {
        try (Connection admin = LocalPostgresServer.connectAsAdmin(); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
