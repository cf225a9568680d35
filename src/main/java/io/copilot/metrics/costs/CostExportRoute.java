package io.copilot.metrics.costs;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.copilot.metrics.api.Arguments;
import io.copilot.metrics.api.BadUserInputException;
import io.copilot.metrics.api.EdgeAnswers;
import io.copilot.metrics.api.Echo;
import io.copilot.metrics.config.ApiConfig;
import io.copilot.metrics.tenancy.CurrentCaller;
import io.copilot.metrics.tenancy.TenantDatabase;
import io.quarkus.vertx.web.Route;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Row;

/**
 * GET /export/costs.csv: the costs allCosts would page through (same filters, as query
 * parameters: from, to, costType, userId, conversationId, provider, model), as one streamed CSV
 * download in the caller's tenant-scoped read-only transaction. Rows are fetched from a portal
 * a batch at a time and only when the client has taken the previous ones, so memory stays
 * constant for any number of rows. Refusals before the first byte are coded JSON errors like
 * the API's; a failure after it aborts the connection, so a download is never silently short.
 */
@ApplicationScoped
public class CostExportRoute {

    private static final Logger LOG = Logger.getLogger(CostExportRoute.class);
    /** Rows per portal fetch, and per request of the download to the stream. */
    private static final int BATCH_ROWS = 1_000;
    /** Bytes gathered before a write to the socket. */
    private static final int WRITE_BYTES = 64 * 1024;

    private final CurrentCaller callers;
    private final TenantDatabase database;
    private final Arguments arguments;
    private final int maxConcurrent;
    private final AtomicInteger running = new AtomicInteger();

    public CostExportRoute(CurrentCaller callers, TenantDatabase database, Arguments arguments, ApiConfig api) {
        this.callers = callers;
        this.database = database;
        this.arguments = arguments;
        this.maxConcurrent = api.maxConcurrentExports();
    }

    @Route(path = "/export/costs.csv", methods = Route.HttpMethod.GET)
    void exportCosts(RoutingContext http) {
        AllCostsQuery query;
        try {
            query = query(http);
        } catch (BadUserInputException refused) {
            EdgeAnswers.refuse(http, 400, "BAD_USER_INPUT", refused.getMessage());
            return;
        }
        if (running.incrementAndGet() > maxConcurrent) {
            running.decrementAndGet();
            http.response().putHeader("Retry-After", "5");
            EdgeAnswers.refuse(http, 429, "RATE_LIMITED",
                    "At most " + maxConcurrent + " exports run at once; retry later");
            return;
        }
        Download download = new Download(http, running);
        callers.follow(caller -> database.stream(caller, query.everything(caller.tenantId().orElse(null)), BATCH_ROWS))
                .subscribe().withSubscriber(download);
    }

    private AllCostsQuery query(RoutingContext http) throws BadUserInputException {
        OffsetDateTime from = instant(http, "from");
        OffsetDateTime to = instant(http, "to");
        arguments.optionalRange(from, to, "");
        return new AllCostsQuery(from, to, costType(http.request().getParam("costType")),
                arguments.optionalUuid(text(http, "userId"), "userId"),
                arguments.optionalUuid(text(http, "conversationId"), "conversationId"),
                text(http, "provider"), text(http, "model"), null);
    }

    private String text(RoutingContext http, String name) throws BadUserInputException {
        return arguments.optionalText(http.request().getParam(name), name);
    }

    private OffsetDateTime instant(RoutingContext http, String name) throws BadUserInputException {
        String value = text(http, name);
        try {
            return value == null ? null : OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadUserInputException("'" + name + "' must be an ISO-8601 instant with an offset such as "
                    + "2026-11-01T00:00:00Z, got '" + Echo.of(value) + "'");
        }
    }

    private static CostType costType(String value) throws BadUserInputException {
        try {
            return value == null ? null : CostType.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadUserInputException("'costType' must be LLM or E2B, got '" + Echo.of(value) + "'");
        }
    }

    /** Writes rows as they come and asks for more only once the socket has taken what was written. */
    private static final class Download implements Flow.Subscriber<Row> {

        private final RoutingContext http;
        private final HttpServerResponse response;
        private final AtomicInteger running;
        private final AtomicBoolean finished = new AtomicBoolean();
        private final StringBuilder pending = new StringBuilder(WRITE_BYTES + 1024);
        private Flow.Subscription subscription;
        private int unanswered;
        private boolean started;

        Download(RoutingContext http, AtomicInteger running) {
            this.http = http;
            this.response = http.response();
            this.running = running;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            // the client went away: stop reading rows (the stream's end returns the connection)
            response.closeHandler(closed -> {
                subscription.cancel();
                finish();
            });
            ask();
        }

        @Override
        public void onNext(Row row) {
            start();
            CostCsv.append(pending, row);
            if (pending.length() >= WRITE_BYTES) {
                flush();
            }
            if (--unanswered == 0) {
                if (response.writeQueueFull()) {
                    response.drainHandler(drained -> ask());
                } else {
                    ask();
                }
            }
        }

        @Override
        public void onError(Throwable failure) {
            finish();
            if (started) {
                LOG.warnf("CSV export cut after it started: %s", failure.toString());
                http.response().reset();
            } else {
                EdgeAnswers.refuse(http, failure);
            }
        }

        @Override
        public void onComplete() {
            finish();
            start();
            flush();
            response.end();
        }

        /** Frees the export's place once, however it ends (done, failed, or the client gone). */
        private void finish() {
            if (finished.compareAndSet(false, true)) {
                running.decrementAndGet();
            }
        }

        private void ask() {
            unanswered = BATCH_ROWS;
            subscription.request(BATCH_ROWS);
        }

        private void start() {
            if (!started) {
                started = true;
                response.setStatusCode(200).setChunked(true)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
                        .putHeader("Content-Disposition", "attachment; filename=\"costs.csv\"")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                pending.append(CostCsv.HEADER);
            }
        }

        private void flush() {
            if (!pending.isEmpty()) {
                response.write(Buffer.buffer(pending.toString()));
                pending.setLength(0);
            }
        }
    }
}
