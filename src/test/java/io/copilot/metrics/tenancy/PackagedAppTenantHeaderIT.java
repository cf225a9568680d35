package io.copilot.metrics.tenancy;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link TenantHeaderTest} against the packaged application. */
@QuarkusIntegrationTest
class PackagedAppTenantHeaderIT extends TenantHeaderTest {
}
