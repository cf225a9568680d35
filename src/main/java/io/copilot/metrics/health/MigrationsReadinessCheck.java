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
 * true it stays true (migrations are never un-applied), so probes stop touching Flyway.
 */
@Readiness
@ApplicationScoped
public class MigrationsReadinessCheck implements HealthCheck {

    private final Flyway flyway;
    private final AtomicBoolean migrated = new AtomicBoolean();

    public MigrationsReadinessCheck(Flyway flyway) {
        this.flyway = flyway;
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
