package io.copilot.metrics.tenancy;

import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import io.copilot.metrics.config.DatabaseConfig;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * The reactive pool as Quarkus configures it, plus bounds on waiting: a request waits at most
 * the configured time for a connection, and only so many may wait. With a stalled database the
 * service then answers UNAVAILABLE in seconds instead of queueing without end.
 */
@Singleton
@SuppressWarnings("deprecation")
public class BoundedPool implements PgPoolCreator {

    private final DatabaseConfig database;

    public BoundedPool(DatabaseConfig database) {
        this.database = database;
    }

    @Override
    public Pool create(Input input) {
        PoolOptions options = input.poolOptions()
                .setConnectionTimeout((int) database.poolWaitTimeout().toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxWaitQueueSize(database.poolMaxWaiting());
        // Quarkus casts what a creator returns to PgPool (deprecated in Vert.x, still what it expects).
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), options);
    }
}
