package io.copilot.metrics.api;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

/**
 * Logs a dependency outage by its changes of state, not once per refused request: the first
 * failure (with its cause), a reminder every {@code reminder} while it lasts with the number
 * of requests refused meanwhile, and the recovery with the outage's length. Stack traces are
 * for bugs (INTERNAL), never for an outage.
 */
final class OutageLog {

    private final Logger log;
    private final String dependency;
    private final Duration reminder;
    private final Supplier<Instant> clock;
    /** Start of the current outage, null while the dependency answers. */
    private final AtomicReference<Instant> downSince = new AtomicReference<>();
    private final AtomicReference<Instant> lastReminder = new AtomicReference<>();
    private final AtomicLong refusedSinceReminder = new AtomicLong();

    OutageLog(Logger log, String dependency, Duration reminder, Supplier<Instant> clock) {
        this.log = log;
        this.dependency = dependency;
        this.reminder = reminder;
        this.clock = clock;
    }

    void failed(Throwable cause) {
        Instant now = clock.get();
        if (downSince.compareAndSet(null, now)) {
            lastReminder.set(now);
            refusedSinceReminder.set(0);
            log.warnf("%s unavailable: %s; requests are answered UNAVAILABLE until it is back", dependency, cause);
            return;
        }
        long refused = refusedSinceReminder.incrementAndGet();
        Instant last = lastReminder.get();
        if (!now.isBefore(last.plus(reminder)) && lastReminder.compareAndSet(last, now)) {
            refusedSinceReminder.addAndGet(-refused);
            log.warnf("%s still unavailable after %d s; %d requests refused in the last %d s: %s", dependency,
                    Duration.between(downSince.get(), now).toSeconds(), refused, reminder.toSeconds(), cause);
        }
    }

    void answered() {
        if (downSince.get() == null) {
            return;
        }
        Instant since = downSince.getAndSet(null);
        if (since != null) {
            log.infof("%s available again after %d s", dependency, Duration.between(since, clock.get()).toSeconds());
        }
    }
}
