package io.copilot.metrics.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The JVM's ahead-of-time cache of the packaged service (JDK 25+: classes loaded and linked,
 * method profiles, from a training run), made the way {@code docker/Dockerfile.jvm} makes it.
 * The packaging is Quarkus' aot-jar, whose classes are on the JVM's own class path: only those
 * can be cached. A cache is tied to the JDK build and the class path that made it, so it is made
 * and used from {@code target/quarkus-app} with the same {@code java}.
 */
public final class AotCache {

    /** Where the packaged service lives and runs from. */
    public static final Path APP = Path.of("target", "quarkus-app");
    /** What the last training run logged. */
    public static final Path TRAINING_LOG = Path.of("target", "aot-cache.log");
    private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    private AotCache() {
    }

    /** A {@code java} that can make and use one: this JVM if it is 25 or newer, else $JAVA25_HOME or Temurin 25. */
    public static Optional<Path> java() {
        if (Runtime.version().feature() >= 25) {
            return Optional.of(Path.of(System.getProperty("java.home"), "bin", "java"));
        }
        Path home = Optional.ofNullable(System.getenv("JAVA25_HOME")).map(Path::of).orElse(TEMURIN_25);
        Path java = home.resolve("bin").resolve("java");
        return Files.isExecutable(java) ? Optional.of(java) : Optional.empty();
    }

    /**
     * The cache of what the service loads while it starts and answers requests, recorded by a
     * start that reaches no database, answers the requests it sends itself and exits
     * ({@code EXIT_AFTER_START}, migrations off; health.StartupTrainingRun), as the image build
     * makes it. {@code cache} is relative to {@link #APP}, or absolute.
     */
    public static void makeWithoutDatabase(Path java, List<String> jvmOptions, Path cache) throws Exception {
        Files.deleteIfExists(APP.resolve(cache));
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-XX:AOTCacheOutput=" + cache, "-DEXIT_AFTER_START=true",
                "-Dquarkus.flyway.migrate-at-start=false", "-DDB_MIGRATION_PASSWORD=unused", "-DSHUTDOWN_DELAY=0s",
                "-Dquarkus.http.port=0", "-Dquarkus.management.port=0",
                // nothing listens there, as nothing does in an image build
                "-DDB_PORT=1", "-jar", "quarkus-run.jar"));
        try (ExternalProcess training = ExternalProcess.start("AOT cache training", command, Map.of(), TRAINING_LOG,
                APP)) {
            OptionalInt exit = training.awaitExit(Duration.ofMinutes(3));
            if (exit.orElse(-1) != 0 || !Files.isRegularFile(APP.resolve(cache))) {
                throw new IOException("no AOT cache made (exit " + exit + "):\n" + training.tail());
            }
        }
    }
}
