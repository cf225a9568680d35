package io.copilot.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.copilot.metrics.config.ApiConfig;

/** Argument checks, before any database work: each refusal names the argument. */
class ArgumentsTest {

    private final Arguments arguments = new Arguments(new ApiConfig() {
        @Override
        public int defaultPageSize() {
            return 20;
        }

        @Override
        public int maxPageSize() {
            return 100;
        }

        @Override
        public int defaultRangeDays() {
            return 30;
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
        assertThatThrownBy(() -> arguments.optionalRange(at.plusDays(1), at)).isInstanceOf(BadUserInputException.class);
    }

    @Test
    void pageSizesAreBoundedByTheConfiguration() throws Exception {
        assertThat(arguments.pageSize(null, "first")).isEqualTo(20);
        assertThat(arguments.pageSize(1, "first")).isEqualTo(1);
        assertThat(arguments.pageSize(100, "first")).isEqualTo(100);
        assertThatThrownBy(() -> arguments.pageSize(0, "first")).hasMessageContaining("'first'");
        assertThatThrownBy(() -> arguments.pageSize(101, "limit")).hasMessageContaining("'limit'")
                .hasMessageContaining("100");
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
        assertThatThrownBy(() -> arguments.timeZone("Mars/Olympus_Mons")).hasMessageContaining("'timeZone'");
    }
}
