package io.copilot.metrics.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.ExternalProcess;
import org.flywaydb.core.Flyway;

/**
 * A service started with migrations left to someone else (migrate-at-start off) while its
 * database is down: the readiness probe says so at once instead of waiting out the connection
 * retries configured for the migration at start (24 × 5 s in production).
 */
class MigrationsReadinessCheckTest {

    @Test
    void anUnreachableDatabaseIsDownAtOnceWhateverTheRetriesConfigured() throws Exception {
        int closed = ExternalProcess.freePort();
        Flyway configured = Flyway.configure().dataSource("jdbc:postgresql://127.0.0.1:" + closed + "/copilot_metrics",
                "nobody", "nothing").connectRetries(24).connectRetriesInterval(5).load();
        MigrationsReadinessCheck check = new MigrationsReadinessCheck(configured);

        HealthCheckResponse response = assertTimeoutPreemptively(Duration.ofSeconds(30), check::call);

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData()).hasValueSatisfying(data -> assertThat(data).containsEntry("error", "unreachable"));
    }
}
