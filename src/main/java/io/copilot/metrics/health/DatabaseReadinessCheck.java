package io.copilot.metrics.health;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.copilot.metrics.config.DatabaseConfig;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * Can the database answer now? Asked through a one-connection pool of the probe's own, never
 * the API's pool, so a probe does not queue behind stalled API queries, and bounded by the
 * configured time (1 s by default): a slow database is reported DOWN instead of hanging the
 * probe, and probes that pile up on a stalled database fail at once instead of opening
 * connection after connection.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements AsyncHealthCheck {

    static final String NAME = "database";

    private final DatabaseConfig database;
    private final Pool probe;

    public DatabaseReadinessCheck(Vertx vertx, DatabaseConfig database,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.database = database;
        int timeoutMillis = (int) database.readinessTimeout().toMillis();
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
                .setUser(user).setPassword(password.orElse("")).setConnectTimeout(timeoutMillis);
        PoolOptions single = new PoolOptions().setMaxSize(1).setMaxWaitQueueSize(1)
                .setConnectionTimeout(timeoutMillis).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
                .setName("readiness-probe");
        this.probe = Pool.newInstance(PgBuilder.pool().with(single).connectingTo(options).using(vertx).build());
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return probe.query("SELECT 1").execute()
                .replaceWith(HealthCheckResponse.up(NAME))
                .ifNoItem().after(database.readinessTimeout()).fail()
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("error", failure.getClass().getSimpleName()).build());
    }

    @PreDestroy
    void close() {
        probe.closeAndForget();
    }
}
