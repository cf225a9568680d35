package io.copilot.metrics.usage;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ReservationRaceTest} against the packaged application. */
@QuarkusIntegrationTest
class PackagedAppReservationRaceIT extends ReservationRaceTest {
}
