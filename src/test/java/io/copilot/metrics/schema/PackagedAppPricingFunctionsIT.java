package io.copilot.metrics.schema;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link PricingFunctionsTest} against a fresh database migrated by the packaged application. */
@QuarkusIntegrationTest
class PackagedAppPricingFunctionsIT extends PricingFunctionsTest {
}
