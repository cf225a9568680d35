package io.copilot.metrics.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;

/** What an error response must never show. */
public final class ApiErrors {

    private ApiErrors() {
    }

    /** No SQL, no Java class names, no stack frames. */
    public static void assertNoInternals(JsonPath json) {
        assertThat(json.prettify())
                .doesNotContainIgnoringCase("select ")
                .doesNotContain("java.")
                .doesNotContain("io.copilot")
                .doesNotContain("io.vertx")
                .doesNotContain("\tat ");
    }
}
