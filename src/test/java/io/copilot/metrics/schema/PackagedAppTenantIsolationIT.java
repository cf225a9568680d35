package io.copilot.metrics.schema;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link TenantIsolationTest} against a fresh database migrated by the packaged application. */
@QuarkusIntegrationTest
class PackagedAppTenantIsolationIT extends TenantIsolationTest {
}
