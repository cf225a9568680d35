package io.copilot.metrics.schema;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link QuotaConcurrencyTest} against a fresh database migrated by the packaged application. */
@QuarkusIntegrationTest
class PackagedAppQuotaConcurrencyIT extends QuotaConcurrencyTest {
}
