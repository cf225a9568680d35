package io.copilot.metrics.costs;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link CostExportTest} against the packaged application. */
@QuarkusIntegrationTest
class PackagedAppCostExportIT extends CostExportTest {
}
