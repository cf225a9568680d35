package io.copilot.metrics.pricing;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link PriceCatalogueTest} against the packaged application (the Decimal scalar included). */
@QuarkusIntegrationTest
class PackagedAppPriceCatalogueIT extends PriceCatalogueTest {
}
