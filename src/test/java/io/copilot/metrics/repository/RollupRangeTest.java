package io.copilot.metrics.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.copilot.metrics.repository.RollupRange.Grain;
import io.copilot.metrics.repository.RollupRange.Piece;

/** Cutting ranges into rollup pieces: complete, contiguous, aligned, and within the statement's slots. */
class RollupRangeTest {

    @Test
    void aYearFromMidMonthUsesMonthsDaysHoursAndRawEdges() {
        List<Piece> pieces = cut("2025-11-22T10:17:03Z", "2026-11-22T10:17:03Z");
        assertThat(pieces).extracting(Piece::grain)
                .containsExactlyInAnyOrder(Grain.MONTH, Grain.DAY, Grain.DAY, Grain.HOUR, Grain.HOUR, Grain.RAW,
                        Grain.RAW);
        assertThat(pieces).filteredOn(piece -> piece.grain() == Grain.MONTH).singleElement()
                .satisfies(month -> {
                    assertThat(month.from()).isEqualTo(Instant.parse("2025-12-01T00:00:00Z"));
                    assertThat(month.to()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
                });
    }

    @Test
    void alignedRangesNeedNoRawRecords() {
        assertThat(cut("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z")).extracting(Piece::grain)
                .containsExactly(Grain.MONTH);
        assertThat(cut("2026-03-03T00:00:00Z", "2026-03-05T06:00:00Z")).extracting(Piece::grain)
                .containsExactlyInAnyOrder(Grain.DAY, Grain.HOUR);
    }

    @Test
    void randomRangesAreCoveredExactlyOnceByAlignedPieces() {
        Random random = new Random(7);
        long start = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 5000; i++) {
            long from = start + random.nextInt(800 * 86400);
            long to = from + 1 + random.nextInt(random.nextBoolean() ? 7200 : 500 * 86400);
            TimeRange range = new TimeRange(at(from), at(to));
            List<Piece> pieces = RollupRange.of(range).pieces().stream()
                    .sorted(Comparator.comparing(Piece::from)).toList();

            assertThat(pieces.get(0).from()).isEqualTo(range.from().toInstant());
            assertThat(pieces.get(pieces.size() - 1).to()).isEqualTo(range.to().toInstant());
            for (int p = 0; p < pieces.size(); p++) {
                Piece piece = pieces.get(p);
                assertThat(piece.from()).isBefore(piece.to());
                if (p > 0) {
                    assertThat(piece.from()).isEqualTo(pieces.get(p - 1).to());
                }
                if (piece.grain() != Grain.RAW) {
                    assertThat(RollupRange.floor(piece.from(), piece.grain())).isEqualTo(piece.from());
                    assertThat(RollupRange.floor(piece.to(), piece.grain())).isEqualTo(piece.to());
                } else {
                    // a raw piece is an edge shorter than an hour, or a whole range too short to hold one
                    assertThat(Duration.between(piece.from(), piece.to())).isLessThan(Duration.ofHours(2));
                }
            }
            assertThat(RollupRange.of(range).parameters()).hasSize(14);
            assertThat(RollupRange.hourly(range).parameters()).hasSize(6);
        }
    }

    @Test
    void onlyWholeHourZonesCanReuseHourlyBuckets() {
        TimeRange year = new TimeRange(at(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond()),
                at(Instant.parse("2027-01-01T00:00:00Z").getEpochSecond()));
        assertThat(RollupRange.alignsWithHours(ZoneId.of("Europe/Berlin"), year)).isTrue();
        assertThat(RollupRange.alignsWithHours(ZoneId.of("America/New_York"), year)).isTrue();
        assertThat(RollupRange.alignsWithHours(ZoneId.of("Asia/Kolkata"), year)).isFalse();
        assertThat(RollupRange.alignsWithHours(ZoneId.of("Australia/Adelaide"), year)).isFalse();
    }

    private static List<Piece> cut(String from, String to) {
        return RollupRange.of(new TimeRange(OffsetDateTime.parse(from), OffsetDateTime.parse(to))).pieces();
    }

    private static OffsetDateTime at(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC);
    }
}
