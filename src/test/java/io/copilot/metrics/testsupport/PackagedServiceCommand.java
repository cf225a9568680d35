package io.copilot.metrics.testsupport;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.copilot.metrics.config.LocalPostgresServer;

/**
 * The command line of the packaged service (target/quarkus-app) for a fault test: its own ports,
 * tokens verified against a key of the test's own, and a database reached through a port of the
 * test's choosing (a {@link TcpProxy} the test opens and shuts).
 */
public final class PackagedServiceCommand {

    private PackagedServiceCommand() {
    }

    /** {@code settings} are further -D options, such as "-DQUOTA_ALERTS_RECONNECT_DELAY=500ms". */
    public static List<String> behindProxy(int apiPort, int managementPort, int databasePort, String database,
            KeyPair key, String issuer, String... settings) {
        String direct = LocalPostgresServer.host() + ":" + LocalPostgresServer.port() + "/" + database;
        String proxied = "127.0.0.1:" + databasePort + "/" + database;
        Map<String, String> datasource = new LinkedHashMap<>();
        LocalPostgresServer.datasourceConfig(database).forEach((name, value) -> datasource.put(name,
                value.replace(direct, proxied)));
        return command(Path.of(System.getProperty("java.home"), "bin", "java"), List.of(settings), apiPort,
                managementPort, datasource, key, issuer, "target/quarkus-app/quarkus-run.jar");
    }

    /**
     * The same on the database directly, with {@code java} and its options of the test's choosing,
     * to run from target/quarkus-app (where an AOT cache made there applies).
     */
    public static List<String> fromAppDirectory(Path java, List<String> jvmOptions, int apiPort, int managementPort,
            String database, KeyPair key, String issuer) {
        return command(java, jvmOptions, apiPort, managementPort, LocalPostgresServer.datasourceConfig(database), key,
                issuer, "quarkus-run.jar");
    }

    private static List<String> command(Path java, List<String> jvmOptions, int apiPort, int managementPort,
            Map<String, String> datasource, KeyPair key, String issuer, String jar) {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dquarkus.http.port=" + apiPort, "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.oidc.auth-server-url=",
                "-Dquarkus.oidc.public-key=" + Base64.getEncoder().encodeToString(key.getPublic().getEncoded()),
                "-Dquarkus.oidc.token.issuer=" + issuer));
        datasource.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-jar", jar));
        return command;
    }
}
