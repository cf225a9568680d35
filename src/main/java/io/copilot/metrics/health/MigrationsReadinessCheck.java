package io.copilot.metrics.health;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Ready only when every migration shipped with this build is applied. Once it has been seen
 * true it stays true (migrations are never un-applied), so probes stop touching Flyway; until
 * then a database that cannot be reached makes it DOWN at once.
 */
@Readiness
@ApplicationScoped
public class MigrationsReadinessCheck implements HealthCheck {

    private final Flyway flyway;
    private final AtomicBoolean migrated = new AtomicBoolean();

    public MigrationsReadinessCheck(Flyway flyway) {
        // A probe asks once: the configured connection retries (DB_CONNECT_RETRIES, for the
        // migration at start) would hold each probe, and a worker thread, for minutes while the
        // database is down, when it should answer DOWN at once.
        this.flyway = Flyway.configure(flyway.getConfiguration().getClassLoader())
                .configuration(flyway.getConfiguration()).connectRetries(0).load();
    }

    @Override
    public HealthCheckResponse call() {
        if (migrated.get()) {
            return HealthCheckResponse.up("database migrations");
        }
        try {
            MigrationInfo[] pending = flyway.info().pending();
            if (pending.length == 0) {
                migrated.set(true);
                return HealthCheckResponse.up("database migrations");
            }
            return HealthCheckResponse.named("database migrations").down()
                    .withData("pending", String.join(", ", Arrays.stream(pending).map(MigrationInfo::getScript).toList()))
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("database migrations").down().withData("error", "unreachable").build();
        }
    }
}
