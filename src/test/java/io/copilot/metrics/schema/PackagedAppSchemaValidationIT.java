package io.copilot.metrics.schema;

import io.copilot.metrics.testsupport.LocalPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link SchemaValidationTest} against a fresh database migrated by the packaged application. */
@QuarkusIntegrationTest
@QuarkusTestResource(value = LocalPostgresResource.class, restrictToAnnotatedClass = true)
class PackagedAppSchemaValidationIT extends SchemaValidationTest {
}
