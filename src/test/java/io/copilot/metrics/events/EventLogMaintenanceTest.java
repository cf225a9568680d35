package io.copilot.metrics.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.OwnerDatabase;
import io.copilot.metrics.testsupport.UsageTenant;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * The event log's maintenance as the service runs it: on its own schedule (the test profile runs
 * the partition job every 2 s), under an advisory lock per job, dropping whole partitions.
 */
@QuarkusTest
class EventLogMaintenanceTest {

    private static final DateTimeFormatter PARTITION_MONTH = DateTimeFormatter.ofPattern("yyyy_MM");

    @Inject
    EventLogMaintenance maintenance;

    @Inject
    EventLogRepository repository;

    // relative to the management interface's root (/q)
    @TestHTTPResource(value = "metrics", management = true)
    URL prometheus;

    @Test
    void nextMonthsPartitionAppearsWithoutAnyoneCallingAFunction() throws Exception {
        String partition = "event_metric_events_" + LocalDate.now(ZoneOffset.UTC).plusMonths(1).format(PARTITION_MONTH);
        execute("DROP TABLE unified." + partition);
        assertThat(partitions()).doesNotContain(partition);

        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!partitions().contains(partition) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(partitions()).contains(partition);
        assertThat(OwnerDatabase.firstColumn("SELECT c.relrowsecurity AND c.relforcerowsecurity FROM pg_class c "
                + "WHERE c.oid = 'unified." + partition + "'::regclass")).containsExactly("t");
    }

    @Test
    void aMonthPastTheRetentionIsDroppedWholeInOneStatement() throws Exception {
        LocalDate expiredMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusMonths(5);
        String partition = "event_metric_events_" + expiredMonth.format(PARTITION_MONTH);
        UsageTenant tenant = UsageTenant.create();
        execute("SELECT unified.create_monthly_partition('" + expiredMonth + "')");
        execute("INSERT INTO unified.event_metric_events (tenant_id, event_id, source, event_type, category, "
                + "occurred_at) VALUES ('" + tenant.id() + "', 'old-1', 'test', 'old', 'system', '"
                + expiredMonth.plusDays(3) + "T12:00:00Z')");
        String log = "ddl_log_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE TABLE public." + log + " (tag text, object text)");
        execute("CREATE FUNCTION public." + log + "_capture() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "INSERT INTO public." + log + " SELECT tg_tag, o.object_identity FROM pg_event_trigger_dropped_objects() o "
                + "WHERE o.object_type = 'table'; END $$");
        execute("CREATE EVENT TRIGGER " + log + " ON sql_drop EXECUTE FUNCTION public." + log + "_capture()");
        try {
            EventLogJobRun run = runWhenFree(EventLogJob.RETENTION);

            assertThat(run.changed()).contains(partition);
            assertThat(partitions()).doesNotContain(partition);
            assertThat(OwnerDatabase.firstColumn("SELECT count(*) FROM unified.event_metric_events WHERE tenant_id = '"
                    + tenant.id() + "'")).containsExactly("0");
            // one DROP TABLE for the month, which took its rows along: no row was deleted one by one
            assertThat(OwnerDatabase.firstColumn("SELECT tag || ' ' || object FROM public." + log
                    + " WHERE object = 'unified." + partition + "'")).containsExactly("DROP TABLE unified." + partition);
        } finally {
            execute("DROP EVENT TRIGGER " + log);
            execute("DROP FUNCTION public." + log + "_capture()");
            execute("DROP TABLE public." + log);
        }
        // the current month and the months ahead are never past the retention
        assertThat(partitions()).contains("event_metric_events_" + LocalDate.now(ZoneOffset.UTC).format(PARTITION_MONTH));
    }

    @Test
    void whileAnotherInstanceRunsAJobThisOneSkipsItAndRunsItNextTime() throws Exception {
        try (Connection otherInstance = OwnerDatabase.connect(); Statement statement = otherInstance.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + EventLogJob.ERROR_SUMMARY.lockKey() + ")");
            EventLogJobRun skipped = maintenance.run(EventLogJob.ERROR_SUMMARY).await().indefinitely();
            assertThat(skipped.ran()).isFalse();
            assertThat(skipped.changed()).isEmpty();
            // another job's lock is its own
            assertThat(runWhenFree(EventLogJob.PERFORMANCE_METRICS).changed()).containsExactly("mv_performance_metrics");
            statement.execute("SELECT pg_advisory_unlock(" + EventLogJob.ERROR_SUMMARY.lockKey() + ")");
        }
        EventLogJobRun ran = runWhenFree(EventLogJob.ERROR_SUMMARY);
        assertThat(ran.changed()).containsExactly("mv_error_summary");

        String metrics = given().get(prometheus).then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "copilot_metrics_event_log_jobs_total\\{[^}]*job=\"refresh-error-summary\"[^}]*outcome=\"skipped\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern(
                "copilot_metrics_event_log_jobs_total\\{[^}]*job=\"refresh-error-summary\"[^}]*outcome=\"ran\"[^}]*} [1-9]");
        assertThat(metrics).contains("copilot_metrics_event_log_job_seconds_count{job=\"refresh-error-summary\"");
    }

    @Test
    void ofTwoInstancesStartingAJobAtOnceOneRunsIt() throws Exception {
        // two transactions on two pooled connections, as two replicas' would be; the work outlasts the race
        Uni<EventLogJobRun> slowJob = repository.runExclusively(EventLogJob.RETENTION, Duration.ofSeconds(10),
                connection -> connection.query("SELECT pg_sleep(0.5)").execute().map(slept -> List.of("slept")));
        List<EventLogJobRun> runs = Uni.join().all(slowJob, slowJob).andFailFast().await().indefinitely();

        assertThat(runs).extracting(EventLogJobRun::ran).containsExactlyInAnyOrder(true, false);
        assertThat(runs).filteredOn(EventLogJobRun::ran).singleElement()
                .satisfies(run -> assertThat(run.changed()).containsExactly("slept"));
    }

    private EventLogJobRun runWhenFree(EventLogJob job) throws InterruptedException {
        EventLogJobRun run = maintenance.run(job).await().indefinitely();
        while (!run.ran()) {
            // the scheduled run of the job holds its lock at this moment
            Thread.sleep(100);
            run = maintenance.run(job).await().indefinitely();
        }
        return run;
    }

    private static List<String> partitions() throws SQLException {
        return OwnerDatabase.firstColumn("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "WHERE i.inhparent = 'unified.event_metric_events'::regclass");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = OwnerDatabase.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
