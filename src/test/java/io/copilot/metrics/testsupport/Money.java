package io.copilot.metrics.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import io.restassured.path.json.JsonPath;

/** Amounts compared exactly (0.6 equals 0.60, and nothing else does). */
public final class Money {

    private Money() {
    }

    public static void assertMoney(JsonPath json, String path, String expected) {
        assertMoney(json.getString(path), expected);
    }

    public static void assertMoney(Object actual, String expected) {
        assertThat(actual).as("amount").isNotNull();
        assertThat(new BigDecimal(actual.toString())).isEqualByComparingTo(expected);
    }
}
