package io.copilot.metrics.health;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link OperationsTest} against the packaged (prod) application. */
@QuarkusIntegrationTest
class PackagedAppOperationsIT extends OperationsTest {
}
