package io.copilot.metrics.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;

/** The stack applied at startup to an empty database; applying it again changes nothing. */
@QuarkusTest
class MigrationTest {

    @Inject
    Flyway flyway;

    @Test
    void everyMigrationFileWasAppliedSuccessfully() throws IOException, URISyntaxException {
        long files;
        Path migrations = Path.of(Thread.currentThread().getContextClassLoader().getResource("db/migration").toURI());
        try (Stream<Path> listing = Files.list(migrations)) {
            files = listing.filter(path -> path.toString().endsWith(".sql")).count();
        }
        MigrationInfo[] applied = flyway.info().applied();
        assertThat(applied).hasSize((int) files);
        assertThat(Arrays.stream(applied).map(MigrationInfo::getState))
                .allMatch(state -> state == MigrationState.SUCCESS, "all migrations succeeded");
        assertThat(flyway.info().pending()).isEmpty();
    }

    @Test
    void secondStartupValidatesCleanAndAppliesNothing() {
        flyway.validate();
        assertThat(flyway.migrate().migrationsExecuted).isZero();
        assertThat(flyway.info().pending()).isEmpty();
    }
}
