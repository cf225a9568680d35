package io.copilot.metrics.events;

import java.util.List;

/**
 * What one run of a job did.
 *
 * @param ran     false when another instance held the job's lock and this one skipped the round
 * @param changed the partitions created or dropped, the views refreshed
 */
public record EventLogJobRun(EventLogJob job, boolean ran, List<String> changed) {
}
