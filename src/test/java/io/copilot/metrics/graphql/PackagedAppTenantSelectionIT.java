package io.copilot.metrics.graphql;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link TenantSelectionTest} against the packaged application. */
@QuarkusIntegrationTest
class PackagedAppTenantSelectionIT extends TenantSelectionTest {
}
