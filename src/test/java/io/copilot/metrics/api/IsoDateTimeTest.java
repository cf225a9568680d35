package io.copilot.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The short way equals ISO_OFFSET_DATE_TIME, value for value and refusal for refusal. */
class IsoDateTimeTest {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    @Test
    void writesWhatTheFormatterWrites() {
        Random random = new Random(20261208);
        for (int i = 0; i < 20_000; i++) {
            OffsetDateTime value = randomDateTime(random);
            assertThat(IsoDateTime.format(value)).as("%s", value).isEqualTo(ISO.format(value));
        }
        for (OffsetDateTime edge : List.of(OffsetDateTime.of(2026, 3, 11, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 3, 11, 0, 0, 0, 1, ZoneOffset.ofHours(1)),
                OffsetDateTime.of(2026, 3, 11, 23, 59, 59, 999_999_999, ZoneOffset.ofHoursMinutes(-9, -30)),
                OffsetDateTime.of(2026, 3, 11, 0, 0, 0, 120_000_000, ZoneOffset.ofTotalSeconds(3661)),
                OffsetDateTime.of(12026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(-1, 1, 1, 0, 0, 0, 0, ZoneOffset.MAX), OffsetDateTime.MIN, OffsetDateTime.MAX)) {
            assertThat(IsoDateTime.format(edge)).isEqualTo(ISO.format(edge));
        }
    }

    @Test
    void readsWhatTheFormatterReads() {
        Random random = new Random(8122026);
        for (int i = 0; i < 20_000; i++) {
            String text = ISO.format(randomDateTime(random));
            assertThat(IsoDateTime.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text, ISO));
        }
        for (String text : List.of("2026-03-01T00:00Z", "2026-03-01T00:00:00Z", "2026-03-01T00:00:00.5+01:00",
                "2026-03-01T00:00:00.123456789-05:30", "2026-03-01T00:00:00-00:00", "2026-03-01t00:00:00z",
                "2026-03-01T00:00:00+01:00:30", "+12026-03-01T00:00:00Z", "2026-03-01T00:00:00+18:00",
                "2026-03-01T00:00:00.Z")) {
            assertThat(IsoDateTime.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text, ISO));
        }
    }

    @Test
    void refusesWhatTheFormatterRefusesInItsWords() {
        for (String text : List.of("2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-03-01T24:00:00Z",
                "2026-03-01T00:60:00Z", "2026-03-01T00:00:60Z", "2026-03-01T00:00:00",
                "2026-03-01T00:00:00.1234567891Z", "2026-03-01T00:00:00+19:00", "2026-03-01T00:00:00+01:60",
                "2026-03-01T00:00:00+0100", "2026-03-01 00:00:00Z", "2026-3-01T00:00:00Z", "2026-03-01T00:00:0Z",
                "2026-03-01T00:00:00ZZ", "", "yesterday")) {
            String expected = message(text);
            assertThat(expected).as("the formatter refuses %s", text).isNotNull();
            assertThatThrownBy(() -> IsoDateTime.parse(text)).as(text).isInstanceOf(DateTimeParseException.class)
                    .hasMessage(expected);
        }
    }

    private static String message(String text) {
        try {
            OffsetDateTime.parse(text, ISO);
            return null;
        } catch (DateTimeParseException refused) {
            return refused.getMessage();
        }
    }

    private static OffsetDateTime randomDateTime(Random random) {
        int nano = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
        };
        int offsetMinutes = random.nextInt(4) == 0 ? 0 : (random.nextInt(36 * 60 + 1) - 18 * 60);
        return OffsetDateTime.of(random.nextInt(10_000), 1 + random.nextInt(12), 1 + random.nextInt(28),
                random.nextInt(24), random.nextInt(60), random.nextInt(60), nano,
                ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
    }
}
