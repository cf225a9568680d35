package io.copilot.metrics.quotas;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.copilot.metrics.api.RateLimitedException;
import io.copilot.metrics.api.SlowClientGuard;
import io.copilot.metrics.config.QuotaAlertConfig;
import io.copilot.metrics.tenancy.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;

/**
 * The open quotaAlerts subscriptions of this instance and what they were last told. Subscribers
 * with the same identity (role and claims: the same rows under row-level security) share one
 * {@link Watch}: the quota states they know. When the database announces a quota (a crossing, a
 * new period, a refusal), every watch that may be concerned re-reads it as its own caller, in
 * its tenant-scoped transaction, and tells its subscribers what changed since its last read; a
 * quota the caller may not see is simply not in the answer. Reads of one watch never overlap:
 * announcements that arrive during a read are gathered and read once after it. A read that fails
 * (a pooled connection that died in an outage) is tried again after the reconnect delay, doubling
 * up to the resync interval, so an alert is late by seconds, not by a resync.
 */
@ApplicationScoped
public class QuotaAlertHub {

    private static final Logger LOG = Logger.getLogger(QuotaAlertHub.class);

    private final QuotaRepository quotas;
    private final QuotaAlertConfig config;
    private final Vertx vertx;
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> openPerCaller = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Counter sent;
    private final Counter slowClientsClosed;

    public QuotaAlertHub(QuotaRepository quotas, QuotaAlertConfig config, io.vertx.mutiny.core.Vertx vertx,
            MeterRegistry registry) {
        this.quotas = quotas;
        this.config = config;
        this.vertx = vertx.getDelegate();
        Gauge.builder("copilot_metrics_quota_alert_subscriptions", open, AtomicInteger::get)
                .description("Open quotaAlerts subscriptions on this instance").register(registry);
        this.sent = Counter.builder("copilot_metrics_quota_alerts_sent")
                .description("Quota alerts sent to subscribers").register(registry);
        this.slowClientsClosed = Counter.builder("copilot_metrics_quota_alert_slow_clients_closed")
                .description("Connections closed because their client did not read its alerts").register(registry);
    }

    /** The caller's alerts from now on; RATE_LIMITED when the caller or the instance holds as many as it may. */
    public Multi<QuotaAlert> follow(Caller caller, SlowClientGuard guard) {
        return Multi.createFrom().emitter(emitter -> {
            Optional<String> refusal = admit(caller.subject());
            if (refusal.isPresent()) {
                emitter.fail(new RateLimitedException(refusal.get()));
                return;
            }
            Subscriber subscriber = new Subscriber(emitter, guard);
            boolean[] created = new boolean[1];
            Watch watch = watches.compute(identity(caller), (key, existing) -> {
                created[0] = existing == null;
                Watch joined = existing != null ? existing : new Watch(key, caller);
                joined.subscribers.add(subscriber);
                return joined;
            });
            emitter.onTermination(() -> leave(caller.subject(), watch, subscriber));
            if (created[0]) {
                // what there is to compare with: the states at the time of subscribing
                watch.request(Set.of(), true, Set.of());
            }
        });
    }

    /** A quota was announced: the watches that may see it re-read it (all of them for a platform quota). */
    void announced(QuotaNotice notice) {
        for (Watch watch : watches.values()) {
            Optional<UUID> tenant = watch.caller.tenantId();
            if (notice.tenantId().isEmpty() || tenant.isEmpty() || tenant.equals(notice.tenantId())) {
                watch.request(Set.of(notice.quotaId()), false,
                        notice.kind() == QuotaNotice.Kind.REFUSED ? Set.of(notice.quotaId()) : Set.of());
            }
        }
    }

    /** Every watch re-reads all its quotas: after the listener reconnected (announcements may be lost), and on a timer. */
    void resyncAll() {
        watches.values().forEach(watch -> watch.request(Set.of(), true, Set.of()));
    }

    public int openSubscriptions() {
        return open.get();
    }

    private Optional<String> admit(String subject) {
        if (open.incrementAndGet() > config.maxPerInstance()) {
            open.decrementAndGet();
            return Optional.of("This instance serves " + config.maxPerInstance()
                    + " quota alert subscriptions already; retry later");
        }
        AtomicInteger mine = openPerCaller.computeIfAbsent(subject, ignored -> new AtomicInteger());
        if (mine.incrementAndGet() > config.maxPerCaller()) {
            mine.decrementAndGet();
            open.decrementAndGet();
            return Optional.of("At most " + config.maxPerCaller() + " open quota alert subscriptions per caller");
        }
        return Optional.empty();
    }

    private void leave(String subject, Watch watch, Subscriber subscriber) {
        if (!watch.subscribers.remove(subscriber)) {
            return;
        }
        open.decrementAndGet();
        openPerCaller.computeIfPresent(subject, (key, count) -> count.decrementAndGet() == 0 ? null : count);
        watches.computeIfPresent(watch.key, (key, current) -> current.subscribers.isEmpty() ? null : current);
    }

    private static String identity(Caller caller) {
        return caller.readRole() + "\n" + caller.claimsJson();
    }

    /** A quota across periods: a new period's row takes the place of the previous one. */
    private record QuotaKey(String tenantId, String scope, String scopeId, String resourceType, String period) {

        static QuotaKey of(QuotaStatus quota) {
            return new QuotaKey(quota.tenantId(), quota.scope(), quota.scopeId(), quota.resourceType(), quota.period());
        }
    }

    private record Known(String quotaId, QuotaState state) {
    }

    private final class Subscriber {

        private final MultiEmitter<? super QuotaAlert> emitter;
        private final SlowClientGuard guard;

        Subscriber(MultiEmitter<? super QuotaAlert> emitter, SlowClientGuard guard) {
            this.emitter = emitter;
            this.guard = guard;
        }

        void send(QuotaAlert alert) {
            if (emitter.isCancelled()) {
                return;
            }
            if (!guard.admit()) {
                slowClientsClosed.increment();
                emitter.complete();
                return;
            }
            sent.increment();
            emitter.emit(alert);
        }
    }

    /** One identity's quotas as last read, and its subscribers. */
    private final class Watch {

        final String key;
        final Caller caller;
        final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();
        /** Touched only by the read in progress (one at a time). */
        private final Map<QuotaKey, Known> known = new HashMap<>();
        private boolean initialised;
        private int failedReads;
        // guarded by this
        private boolean reading;
        private boolean pendingFull;
        private final Set<UUID> pendingIds = new HashSet<>();
        private final Set<String> pendingRefusals = new HashSet<>();

        Watch(String key, Caller caller) {
            this.key = key;
            this.caller = caller;
        }

        void request(Set<UUID> quotaIds, boolean full, Set<UUID> refused) {
            synchronized (this) {
                pendingIds.addAll(quotaIds);
                refused.forEach(id -> pendingRefusals.add(id.toString()));
                pendingFull |= full;
                if (reading) {
                    return;
                }
                reading = true;
            }
            readNext();
        }

        private void readNext() {
            boolean full;
            Set<UUID> ids;
            Set<String> refused;
            synchronized (this) {
                // until the first complete read there is nothing to compare with
                full = pendingFull || !initialised;
                if (!full && pendingIds.isEmpty()) {
                    reading = false;
                    return;
                }
                ids = Set.copyOf(pendingIds);
                refused = Set.copyOf(pendingRefusals);
                pendingIds.clear();
                pendingRefusals.clear();
                pendingFull = false;
            }
            (full ? quotas.inForce(caller) : quotas.inForce(caller, ids)).subscribe().with(
                    read -> {
                        failedReads = 0;
                        compare(read, full, refused).forEach(alert -> subscribers.forEach(s -> s.send(alert)));
                        readNext();
                    },
                    failure -> {
                        // what was asked is asked again in full, once the delay has passed
                        Duration delay = retryDelay(++failedReads);
                        LOG.debugf("Quota alerts: re-reading failed (%s), retrying in %s", failure.getMessage(), delay);
                        synchronized (this) {
                            pendingFull = true;
                            pendingRefusals.addAll(refused);
                            reading = false;
                        }
                        vertx.setTimer(delay.toMillis(), retry -> {
                            if (!subscribers.isEmpty()) {
                                request(Set.of(), true, Set.of());
                            }
                        });
                    });
        }

        private Duration retryDelay(int failures) {
            Duration delay = config.reconnectDelay().multipliedBy(1L << Math.min(failures - 1, 16));
            return delay.compareTo(config.resyncInterval()) < 0 ? delay : config.resyncInterval();
        }

        private List<QuotaAlert> compare(List<QuotaStatus> read, boolean full, Set<String> refused) {
            List<QuotaAlert> alerts = new ArrayList<>();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            Set<QuotaKey> present = new HashSet<>();
            for (QuotaStatus quota : read) {
                QuotaKey quotaKey = QuotaKey.of(quota);
                present.add(quotaKey);
                Known before = known.put(quotaKey, new Known(quota.quotaId(), quota.status()));
                if (!initialised) {
                    continue;
                }
                // a quota not seen before is compared with OK: one that appears exceeded says so
                QuotaState previous = before == null ? QuotaState.OK : before.state();
                if (previous != quota.status()) {
                    boolean newPeriod = before != null && !Objects.equals(before.quotaId(), quota.quotaId());
                    alerts.add(new QuotaAlert(newPeriod ? QuotaAlertKind.PERIOD_STARTED : QuotaAlertKind.CROSSED,
                            previous, quota, now));
                }
                if (refused.contains(quota.quotaId())) {
                    alerts.add(new QuotaAlert(QuotaAlertKind.RESERVATION_REFUSED, quota.status(), quota, now));
                }
            }
            if (full) {
                // quotas whose period ended without a successor are forgotten
                known.keySet().retainAll(present);
                initialised = true;
            }
            return alerts;
        }
    }
}
