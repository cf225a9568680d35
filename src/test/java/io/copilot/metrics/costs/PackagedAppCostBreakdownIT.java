package io.copilot.metrics.costs;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link CostBreakdownTest} against the packaged application. */
@QuarkusIntegrationTest
class PackagedAppCostBreakdownIT extends CostBreakdownTest {
}
