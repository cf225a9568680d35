package io.copilot.metrics.quotas;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link QuotaQueriesTest} against the packaged application. */
@QuarkusIntegrationTest
class PackagedAppQuotaQueriesIT extends QuotaQueriesTest {
}
