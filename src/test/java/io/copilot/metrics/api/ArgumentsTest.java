package io.copilot.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.copilot.metrics.config.ApiConfig;

/** Argument checks, before any database work: each refusal names the argument. */
class ArgumentsTest {

    /** The configuration's defaults, except a smaller series bound and default page size to tell them apart. */
    private final Arguments arguments = new Arguments(new ApiConfig() {
        @Override
        public int defaultPageSize() {
            return 20;
        }

        @Override
        public int maxConcurrentExports() {
            return 2;
        }

        @Override
        public int verifiedTokens() {
            return 0;
        }

        @Override
        public int maxPageSize() {
            return 100;
        }

        @Override
        public int defaultTopLimit() {
            return 10;
        }

        @Override
        public int defaultRangeDays() {
            return 30;
        }

        @Override
        public Instant earliestInstant() {
            return Instant.parse("1970-01-01T00:00:00Z");
        }

        @Override
        public Instant latestInstant() {
            return Instant.parse("2200-01-01T00:00:00Z");
        }

        @Override
        public int maxSeriesBuckets() {
            return 1000;
        }

        @Override
        public int maxStringLength() {
            return 256;
        }

        @Override
        public int maxDepth() {
            return 10;
        }

        @Override
        public int maxComplexity() {
            return 500;
        }

        @Override
        public int databaseFieldCost() {
            return 25;
        }

        @Override
        public Duration tokenVerificationTimeout() {
            return Duration.ofSeconds(4);
        }

        @Override
        public Optional<String> cursorKey() {
            return Optional.empty();
        }
    });

    @Test
    void rangeDefaultsToTheConfiguredDaysBeforeNow() throws Exception {
        TimeRange range = arguments.range(null, null);
        assertThat(Duration.between(range.from(), range.to())).isEqualTo(Duration.ofDays(30));
        assertThat(range.to()).isCloseTo(OffsetDateTime.now(ZoneOffset.UTC),
                org.assertj.core.api.Assertions.within(Duration.ofSeconds(5).toMillis(),
                        java.time.temporal.ChronoUnit.MILLIS));

        OffsetDateTime to = OffsetDateTime.parse("2026-04-01T00:00:00Z");
        assertThat(arguments.range(null, to).from()).isEqualTo(OffsetDateTime.parse("2026-03-02T00:00:00Z"));
    }

    @Test
    void fromMustBeBeforeTo() {
        OffsetDateTime at = OffsetDateTime.parse("2026-04-01T00:00:00Z");
        assertThatThrownBy(() -> arguments.range(at, at)).isInstanceOf(BadUserInputException.class)
                .hasMessageContaining("'from'");
        assertThatThrownBy(() -> arguments.optionalRange(at.plusDays(1), at, "filter"))
                .isInstanceOf(BadUserInputException.class);
    }

    @Test
    void instantsStayWithinTheConfiguredYears() throws Exception {
        OffsetDateTime farFuture = OffsetDateTime.parse("+5000000-01-01T00:00:00Z");
        OffsetDateTime farPast = OffsetDateTime.parse("1969-12-31T23:59:59Z");
        assertThatThrownBy(() -> arguments.range(OffsetDateTime.parse("2020-01-01T00:00:00Z"), farFuture))
                .isInstanceOf(BadUserInputException.class).hasMessageContaining("'to'").hasMessageContaining("2200");
        assertThatThrownBy(() -> arguments.range(farPast, null)).hasMessageContaining("'from'");
        assertThatThrownBy(() -> arguments.optionalRange(null, farFuture, "filter"))
                .hasMessageContaining("'filter.to'");
        assertThatThrownBy(() -> arguments.range(null, OffsetDateTime.parse("2200-01-01T00:00:01Z")))
                .hasMessageContaining("'to'");
        assertThat(arguments.range(null, OffsetDateTime.parse("2200-01-01T00:00:00Z")).to().getYear())
                .as("a range may end at the bound").isEqualTo(2200);
        assertThat(arguments.range(OffsetDateTime.parse("1970-01-01T00:00:00Z"),
                OffsetDateTime.parse("2199-12-31T23:59:59Z")).from().getYear()).isEqualTo(1970);
    }

    @Test
    void aSeriesHasAtMostTheConfiguredBuckets() throws Exception {
        OffsetDateTime from = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        assertThat(arguments.seriesRange(from, from.plusHours(999), Duration.ofHours(1), "HOUR").to())
                .isEqualTo(from.plusHours(999));
        assertThatThrownBy(() -> arguments.seriesRange(from, from.plusYears(10), Duration.ofHours(1), "HOUR"))
                .isInstanceOf(BadUserInputException.class).hasMessageContaining("HOUR").hasMessageContaining("1000");
        assertThat(arguments.seriesRange(from, from.plusYears(10), Duration.ofDays(7), "WEEK").from()).isEqualTo(from);
    }

    @Test
    void textHasNoControlCharactersAndABoundedLength() throws Exception {
        assertThat(arguments.optionalText("openai", "filter.provider")).isEqualTo("openai");
        assertThat(arguments.optionalText(null, "filter.provider")).isNull();
        assertThatThrownBy(() -> arguments.optionalText("open\0ai", "filter.provider"))
                .isInstanceOf(BadUserInputException.class).hasMessageContaining("'filter.provider'")
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> arguments.optionalText("x".repeat(257), "filter.model"))
                .hasMessageContaining("'filter.model'").hasMessageContaining("256");
    }

    @Test
    void pageSizesAreBoundedByTheConfiguration() throws Exception {
        assertThat(arguments.pageSize(null, "first")).isEqualTo(20);
        assertThat(arguments.pageSize(1, "first")).isEqualTo(1);
        assertThat(arguments.pageSize(100, "first")).isEqualTo(100);
        assertThatThrownBy(() -> arguments.pageSize(0, "first")).hasMessageContaining("'first'");
        assertThatThrownBy(() -> arguments.pageSize(101, "first")).hasMessageContaining("'first'")
                .hasMessageContaining("100");
        assertThat(arguments.topLimit(null)).isEqualTo(10);
        assertThat(arguments.topLimit(100)).isEqualTo(100);
        assertThatThrownBy(() -> arguments.topLimit(101)).hasMessageContaining("'limit'");
    }

    @Test
    void uuidsMustBeCanonical() throws Exception {
        UUID id = UUID.randomUUID();
        assertThat(arguments.optionalUuid(id.toString(), "filter.userId")).isEqualTo(id);
        assertThat(arguments.optionalUuid(null, "filter.userId")).isNull();
        assertThatThrownBy(() -> arguments.optionalUuid("1-2-3-4-5", "filter.userId"))
                .hasMessageContaining("'filter.userId'");
    }

    @Test
    void timeZonesAreIanaIds() throws Exception {
        assertThat(arguments.timeZone("Europe/Berlin")).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(arguments.timeZone(null)).isEqualTo(ZoneOffset.UTC);
        assertThat(arguments.timeZone("UTC")).isEqualTo(ZoneId.of("UTC"));
        assertThatThrownBy(() -> arguments.timeZone("Mars/Olympus_Mons")).hasMessageContaining("'timeZone'");
        for (String offset : new String[] { "+05:00", "-03:00", "UTC+05:30", "GMT-03:00", "Z" }) {
            assertThatThrownBy(() -> arguments.timeZone(offset)).as(offset).isInstanceOf(BadUserInputException.class)
                    .hasMessageContaining("IANA");
        }
    }

    @Test
    void echoedInputIsCutShort() {
        assertThatThrownBy(() -> arguments.optionalUuid("y".repeat(8192), "filter.userId"))
                .satisfies(refusal -> assertThat(refusal.getMessage()).hasSizeLessThan(120));
    }
}
