package io.copilot.metrics.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.copilot.metrics.config.LocalPostgresServer;
import io.copilot.metrics.testsupport.ExternalProcess;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * The packaged service as a benchmark runs it: on a generated database, with the capped heap of
 * a small container ({@code -Dbench.jvmOpts} to change it), verifying tokens signed by a key of
 * the benchmark's own.
 */
final class BenchService implements AutoCloseable {

    static final Path OUT = Path.of("target", "bench");
    private static final String ISSUER = "copilot-metrics-bench";

    private final KeyPair key;
    private final int port;
    private final int managementPort;
    private final String jvmOptions;
    private final ExternalProcess process;

    private BenchService(KeyPair key, int port, int managementPort, String jvmOptions, ExternalProcess process) {
        this.key = key;
        this.port = port;
        this.managementPort = managementPort;
        this.jvmOptions = jvmOptions;
        this.process = process;
    }

    /** Started and ready; {@code settings} are further system properties of the service. */
    static BenchService start(String database, String logName, Map<String, String> settings) throws Exception {
        BenchService service = launch(database, logName, settings);
        try {
            // the first start on a generated database may still build indexes of later migrations
            service.process.awaitHttpOk("http://localhost:" + service.managementPort + "/q/health/ready",
                    Duration.ofMinutes(10));
        } catch (Exception | AssertionError notReady) {
            service.close();
            throw notReady;
        }
        return service;
    }

    /** The benchmark's JVM options: a small container's, or -Dbench.jvmOpts. */
    static List<String> benchJvmOptions() {
        return Arrays.asList(System.getProperty("bench.jvmOpts",
                "-XX:+UseSerialGC -Xms32m -Xmx128m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=48m -Xss512k "
                        + "-XX:MaxDirectMemorySize=32m").split(" "));
    }

    /** Started, not waited for (the startup benchmark times its readiness itself). */
    static BenchService launch(String database, String logName, Map<String, String> settings) throws Exception {
        return launch(database, logName, settings, List.of());
    }

    /** The same with JVM options added to the benchmark's ones (an AOT cache, say). */
    static BenchService launch(String database, String logName, Map<String, String> settings,
            List<String> moreJvmOptions) throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Files.createDirectories(OUT);
        int port = ExternalProcess.freePort();
        int managementPort = ExternalProcess.freePort();
        List<String> jvmOptions = new ArrayList<>(benchJvmOptions());
        jvmOptions.addAll(moreJvmOptions);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.oidc.auth-server-url=",
                "-Dquarkus.oidc.public-key=" + Base64.getEncoder().encodeToString(key.getPublic().getEncoded()),
                "-Dquarkus.oidc.token.issuer=" + ISSUER,
                // the benchmark's events span 12 months (EventBenchmark): the retention job, which first
                // runs one interval after the start, must not drop them; the retention itself stays
                // the production one, as it bounds what recording searches
                "-Dcopilot-metrics.events.retention-every=24h"));
        settings.forEach((name, value) -> command.add("-D" + name + "=" + value));
        LocalPostgresServer.datasourceConfig(database).forEach((name, value) -> command.add("-D" + name + "=" + value));
        // from the application's own directory, as a container runs it: an AppCDS archive built with
        // it (-XX:SharedArchiveFile=app-cds.jsa) is only used from there
        command.addAll(List.of("-jar", "quarkus-run.jar"));
        ExternalProcess process = ExternalProcess.start("copilot-metrics", command, Map.of("LOG_JSON", "false"),
                OUT.resolve(logName), Path.of("target", "quarkus-app"));
        return new BenchService(key, port, managementPort, String.join(" ", jvmOptions), process);
    }

    String base() {
        return "http://localhost:" + port;
    }

    int port() {
        return port;
    }

    /** {@link System#nanoTime()} just before the JVM was started (after the key and ports were made). */
    long launchedNanos() {
        return process.startedNanos();
    }

    String jvmOptions() {
        return jvmOptions;
    }

    /** A token of {@code subject} (in {@code tenant}, if not null) with the realm roles, valid for an hour. */
    String sign(String subject, String tenant, List<String> roles) {
        return sign(subject, tenant, roles, Map.of());
    }

    /** The same with further claims. */
    String sign(String subject, String tenant, List<String> roles, Map<String, Object> claims) {
        JwtClaimsBuilder builder = Jwt.claims().issuer(ISSUER).audience("copilot-metrics").subject(subject)
                .claim("realm_access", Map.of("roles", roles)).expiresIn(3600);
        if (tenant != null) {
            builder.claim("tenant_id", tenant);
        }
        claims.forEach(builder::claim);
        return builder.jws().sign(key.getPrivate());
    }

    /** The JVM listening on the port (the process started may be a wrapper on some systems). */
    long pid() {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains("-Dquarkus.http.port=" + port))
                .mapToLong(ProcessHandle::pid).findFirst().orElseThrow();
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            // process gone
        }
        return 0;
    }

    /** What the service has logged so far. */
    String log() {
        return process.log();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
    }
}
