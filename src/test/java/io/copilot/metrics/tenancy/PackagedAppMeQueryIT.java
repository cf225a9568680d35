package io.copilot.metrics.tenancy;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link MeQueryTest} against the packaged application. */
@QuarkusIntegrationTest
class PackagedAppMeQueryIT extends MeQueryTest {
}
