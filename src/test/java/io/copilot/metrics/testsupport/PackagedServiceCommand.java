package io.copilot.metrics.testsupport;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

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
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + apiPort, "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.oidc.auth-server-url=",
                "-Dquarkus.oidc.public-key=" + Base64.getEncoder().encodeToString(key.getPublic().getEncoded()),
                "-Dquarkus.oidc.token.issuer=" + issuer));
        command.addAll(List.of(settings));
        String direct = LocalPostgresServer.host() + ":" + LocalPostgresServer.port() + "/" + database;
        String proxied = "127.0.0.1:" + databasePort + "/" + database;
        LocalPostgresServer.datasourceConfig(database).forEach((name, value) -> command.add("-D" + name + "="
                + value.replace(direct, proxied)));
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        return command;
    }
}
