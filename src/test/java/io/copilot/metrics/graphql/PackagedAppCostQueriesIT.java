package io.copilot.metrics.graphql;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link CostQueriesTest} against the packaged application. */
@QuarkusIntegrationTest
class PackagedAppCostQueriesIT extends CostQueriesTest {
}
