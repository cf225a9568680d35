package io.copilot.metrics.costs;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link CostQueriesTest} against the packaged application. */
@QuarkusIntegrationTest
class PackagedAppCostQueriesIT extends CostQueriesTest {
}
