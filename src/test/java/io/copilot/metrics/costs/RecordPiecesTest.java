package io.copilot.metrics.costs;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.OwnerDatabase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The parts of a range that the rollups cannot answer and the records must (metrics.raw_pieces,
 * and the raw pieces inside metrics.cost_spend): a range on whole hours, as dashboards ask, has
 * none, so its answer reads no record table; partial hours at the ends and hours a bucket
 * boundary cuts still do. Exactness of the answers themselves: {@link RollupConsistencyTest}.
 */
@QuarkusTest
class RecordPiecesTest {

    private static final String WHOLE_HOURS_FROM = "2026-10-02T00:00:00Z";
    private static final String WHOLE_HOURS_TO = "2026-10-04T00:00:00Z";

    @Test
    void aRangeOnWholeHoursHasNoRecordPieces() throws SQLException {
        assertThat(pieces(WHOLE_HOURS_FROM, WHOLE_HOURS_TO, "day", "Europe/Berlin")).isEmpty();
    }

    @Test
    void partialHoursAtTheEndsAreRecordPieces() throws SQLException {
        assertThat(pieces("2026-10-02T00:30:00Z", "2026-10-02T05:15:00Z", "day", "UTC")).containsExactly(
                "2026-10-02 00:30:00+00 2026-10-02 01:00:00+00 false",
                "2026-10-02 05:00:00+00 2026-10-02 05:15:00+00 false");
        assertThat(pieces("2026-10-02T00:10:00Z", "2026-10-02T00:20:00Z", "day", "UTC"))
                .containsExactly("2026-10-02 00:10:00+00 2026-10-02 00:20:00+00 false");
    }

    @Test
    void hoursThatALocalMidnightCutsAreRecordPiecesEvenOnWholeHours() throws SQLException {
        // Kolkata's midnight is 18:30 UTC
        assertThat(pieces(WHOLE_HOURS_FROM, WHOLE_HOURS_TO, "day", "Asia/Kolkata")).containsExactly(
                "2026-10-02 18:00:00+00 2026-10-02 19:00:00+00 true",
                "2026-10-03 18:00:00+00 2026-10-03 19:00:00+00 true");
    }

    @Test
    void totalsAndSeriesOnWholeHoursReadNoRecordTable() throws SQLException {
        String totals = "SELECT * FROM metrics.cost_spend(?::timestamptz, ?::timestamptz)";
        String series = "SELECT * FROM metrics.cost_series(?::timestamptz, ?::timestamptz, 'day', 'Europe/Berlin')";
        for (String statement : List.of(totals, series)) {
            assertThat(recordScans(statement, WHOLE_HOURS_FROM, WHOLE_HOURS_TO))
                    .as(statement).isNotEmpty().allMatch(line -> line.contains("never executed"));
            // the same plan with partial hours at the ends does read them: the check above sees the scans
            assertThat(recordScans(statement, "2026-10-02T00:30:00Z", WHOLE_HOURS_TO))
                    .as(statement).anyMatch(line -> !line.contains("never executed"));
        }
    }

    private static List<String> pieces(String from, String to, String unit, String zone) throws SQLException {
        List<String> pieces = new ArrayList<>();
        OwnerDatabase.inRolledBackTransaction(connection -> {
            utc(connection);
            try (PreparedStatement statement = connection.prepareStatement("SELECT lo::text, hi::text, cut "
                    + "FROM metrics.raw_pieces(?::timestamptz, ?::timestamptz, ?, ?) ORDER BY lo")) {
                statement.setString(1, from);
                statement.setString(2, to);
                statement.setString(3, unit);
                statement.setString(4, zone);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        pieces.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getBoolean(3));
                    }
                }
            }
        });
        return pieces;
    }

    /** The lines of the executed plan that scan a record table. */
    private static List<String> recordScans(String query, String from, String to) throws SQLException {
        List<String> scans = new ArrayList<>();
        OwnerDatabase.inRolledBackTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + query)) {
                statement.setString(1, from);
                statement.setString(2, to);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        String line = rows.getString(1);
                        if (line.contains(" on llm_cost_records") || line.contains(" on e2b_cost_records")) {
                            scans.add(line);
                        }
                    }
                }
            }
        });
        return scans;
    }

    private static void utc(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("SET LOCAL TimeZone = 'UTC'");
        }
    }
}
