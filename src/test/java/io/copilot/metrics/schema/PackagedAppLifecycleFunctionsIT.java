package io.copilot.metrics.schema;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link LifecycleFunctionsTest} against a fresh database migrated by the packaged application. */
@QuarkusIntegrationTest
class PackagedAppLifecycleFunctionsIT extends LifecycleFunctionsTest {
}
