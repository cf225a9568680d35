package io.copilot.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.copilot.metrics.config.RateLimitConfig;

class CallerLimitsTest {

    private static final long SECOND = 1_000_000_000L;

    private final RateLimitConfig limits = new RateLimitConfig() {
        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public int requestsPerSecond() {
            return 10;
        }

        @Override
        public int burst() {
            return 5;
        }

        @Override
        public int concurrent() {
            return 3;
        }
    };

    @Test
    void aCallerGetsItsBurstThenItsRate() {
        CallerLimits.Budget budget = new CallerLimits.Budget(limits.burst(), 0);
        for (int i = 0; i < 5; i++) {
            assertThat(budget.take(limits, 0)).as("request %d of the burst", i).isNull();
            budget.release();
        }
        assertThat(budget.take(limits, 0)).contains("10 a second");
        assertThat(budget.take(limits, SECOND / 10)).as("a tenth of a second later, one more").isNull();
        budget.release();
        assertThat(budget.take(limits, SECOND / 10)).isNotNull();
        assertThat(budget.take(limits, 100 * SECOND)).as("refilled, never above the burst").isNull();
    }

    @Test
    void requestsInFlightAreBounded() {
        CallerLimits.Budget budget = new CallerLimits.Budget(limits.burst(), 0);
        for (int i = 0; i < 3; i++) {
            assertThat(budget.take(limits, 0)).isNull();
        }
        assertThat(budget.take(limits, 0)).contains("at once");
        budget.release();
        assertThat(budget.take(limits, 0)).isNull();
    }
}
