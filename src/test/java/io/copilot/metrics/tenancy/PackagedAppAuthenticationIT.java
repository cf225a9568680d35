package io.copilot.metrics.tenancy;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link AuthenticationTest} against the packaged application. */
@QuarkusIntegrationTest
class PackagedAppAuthenticationIT extends AuthenticationTest {
}
