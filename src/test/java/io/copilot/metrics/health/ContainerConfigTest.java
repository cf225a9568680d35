package io.copilot.metrics.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * What the images and compose promise operators, checked in the files themselves (no container
 * engine here to run them): memory relative to the container's limit, the management port
 * exposed beside the API, probes on the management port, a restart policy and a memory limit.
 */
class ContainerConfigTest {

    @Test
    void theJvmImageBoundsItsHeapByTheContainerLimit() throws IOException {
        String jvm = Files.readString(Path.of("docker", "Dockerfile.jvm"));
        assertThat(jvm).contains("-XX:MaxRAMPercentage=75").contains("-XX:+ExitOnOutOfMemoryError")
                .containsPattern("EXPOSE 8080 9000");
        assertThat(Files.readString(Path.of("docker", "Dockerfile.native"))).containsPattern("EXPOSE 8080 9000");
    }

    @Test
    void composeRestartsTheServiceProbesTheManagementPortAndLimitsMemory() throws IOException {
        String compose = Files.readString(Path.of("docker", "compose.yml"));
        String service = compose.substring(compose.indexOf("  copilot-metrics:"));
        assertThat(service).contains("restart: unless-stopped").contains("mem_limit:")
                .contains("/dev/tcp/127.0.0.1/9000").contains("GET /q/health/ready")
                .as("a check both images can run").doesNotContain("curl");
    }

    @Test
    void theImagesAreTheOnesQuarkus332BuildsAndRunsWith() throws IOException {
        assertThat(Files.readString(Path.of("docker", "Dockerfile.native")))
                .contains("FROM quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-25 AS build")
                .contains("FROM registry.access.redhat.com/ubi9/ubi-minimal:9.7");
        assertThat(Files.readString(Path.of("docker", "Dockerfile.jvm")))
                .contains("FROM registry.access.redhat.com/ubi9/openjdk-25-runtime:1.24");
    }

    @Test
    void theJvmImageTrainsItsAotCacheAsTheTestsDoAndStartsWithIt() throws IOException {
        // the recipe PackagedAppStartupCacheIT proves usable (testsupport.AotCache), in the image's words
        String jvm = Files.readString(Path.of("docker", "Dockerfile.jvm"));
        assertThat(jvm).contains("-XX:AOTCacheOutput=/deployments/app.aot").contains("EXIT_AFTER_START=true")
                .contains("QUARKUS_FLYWAY_MIGRATE_AT_START=false").contains("DB_MIGRATION_PASSWORD=unused")
                .contains("SHUTDOWN_DELAY=0s").contains("ENV JAVA_OPTS_APPEND=\"$JAVA_OPTS_APPEND -XX:AOTCache=/deployments/app.aot\"");
    }
}
