package io.copilot.metrics.schema;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link SchemaValidationTest} against a fresh database migrated by the packaged application. */
@QuarkusIntegrationTest
class PackagedAppSchemaValidationIT extends SchemaValidationTest {
}
