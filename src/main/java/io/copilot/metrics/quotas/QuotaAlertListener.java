package io.copilot.metrics.quotas;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.copilot.metrics.config.QuotaAlertConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * This instance's one LISTEN connection (PgSubscriber, apart from the pool) on channel
 * copilot_quota_alerts. Each announcement goes to the {@link QuotaAlertHub}. When the connection
 * is lost (a database restart, a failover) it reconnects and LISTENs again, every
 * {@code reconnect-delay}, for as long as it takes; once listening again every subscriber's
 * quotas are re-read, so a crossing committed while nobody listened is still told. The same
 * re-read runs on a timer ({@code resync-interval}): it notices a new period, which nothing
 * announces when it merely begins.
 */
@ApplicationScoped
public class QuotaAlertListener {

    static final String CHANNEL = "copilot_quota_alerts";
    private static final Logger LOG = Logger.getLogger(QuotaAlertListener.class);

    private final QuotaAlertHub hub;
    private final QuotaAlertConfig config;
    private final Vertx vertx;
    private final PgConnectOptions connectOptions;
    private final Counter reconnects;
    private PgSubscriber subscriber;
    private long resyncTimer = -1;
    private final AtomicInteger listens = new AtomicInteger();
    private volatile boolean stopped;

    public QuotaAlertListener(QuotaAlertHub hub, QuotaAlertConfig config, io.vertx.mutiny.core.Vertx vertx,
            MeterRegistry registry, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.hub = hub;
        this.config = config;
        this.vertx = vertx.getDelegate();
        this.connectOptions = PgConnectOptions.fromUri(url).setUser(user)
                .setProperties(Map.of("application_name", "copilot-metrics quota alerts"));
        password.ifPresent(connectOptions::setPassword);
        this.reconnects = Counter.builder("copilot_metrics_quota_alert_listener_reconnects")
                .description("Times the quota alert listener lost its database connection and listened again")
                .register(registry);
    }

    void start(@Observes StartupEvent started) {
        subscriber = PgSubscriber.subscriber(vertx, connectOptions)
                .reconnectPolicy(attempt -> stopped ? -1L : config.reconnectDelay().toMillis());
        subscriber.channel(CHANNEL)
                .subscribeHandler(ignored -> onListening())
                .handler(payload -> QuotaNotice.parse(payload).ifPresentOrElse(hub::announced,
                        () -> LOG.warnf("Quota alerts: ignored an announcement that is not one: %.80s", payload)));
        connect();
        resyncTimer = vertx.setPeriodic(config.resyncInterval().toMillis(), tick -> hub.resyncAll());
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopped = true;
        if (resyncTimer >= 0) {
            vertx.cancelTimer(resyncTimer);
        }
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /** Whether the LISTEN is in place now (readiness of the alerts, for tests and operators). */
    public boolean listening() {
        return subscriber != null && !subscriber.closed() && subscriber.actualConnection() != null;
    }

    // The subscriber reconnects by its policy once connected; the first connection is retried here.
    private void connect() {
        subscriber.connect().onFailure(failure -> {
            if (!stopped) {
                LOG.warnf("Quota alerts: cannot listen yet (%s), retrying in %s", failure.getMessage(),
                        config.reconnectDelay());
                vertx.setTimer(config.reconnectDelay().toMillis(), retry -> connect());
            }
        });
    }

    private void onListening() {
        PgConnection connection = subscriber.actualConnection();
        if (connection != null) {
            connection.exceptionHandler(lost -> LOG.warnf("Quota alerts: the LISTEN connection failed (%s); "
                    + "reconnecting every %s", lost.getMessage(), config.reconnectDelay()));
        }
        if (listens.incrementAndGet() > 1) {
            reconnects.increment();
            LOG.infof("Quota alerts: listening again; re-reading the quotas of %d subscribers",
                    hub.openSubscriptions());
        }
        hub.resyncAll();
    }
}
