package io.copilot.metrics.testsupport;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Test resources every @QuarkusTest and @QuarkusIntegrationTest shares (declared once here,
 * unrestricted, so all test classes run against one application start).
 */
@QuarkusTestResource(MockOidcServer.class)
@QuarkusTestResource(LocalPostgresResource.class)
public final class TestResources {

    private TestResources() {
    }
}
