package io.copilot.metrics.events;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link EventsApiTest} against the packaged application (its scheduler and JSON-text data included). */
@QuarkusIntegrationTest
class PackagedAppEventsIT extends EventsApiTest {
}
