package io.copilot.metrics.graphql;

import static io.copilot.metrics.testsupport.ApiFixture.INITECH;
import static io.copilot.metrics.testsupport.ApiFixture.INITECH_OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.copilot.metrics.testsupport.GraphQLClient;
import io.copilot.metrics.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** With the database unreachable, callers get INTERNAL and a reference the log also carries. */
@QuarkusTest
@TestProfile(DatabaseOutageTest.DatabaseUnreachable.class)
class DatabaseOutageTest {

    static final Path LOG = Path.of("target", "database-outage-test.log");

    public static class DatabaseUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Migrations still run (JDBC); only the service's reactive pool points nowhere.
            String nowhere = "postgresql://127.0.0.1:9/unreachable";
            return Map.of("quarkus.datasource.reactive.url", nowhere,
                    "%test.quarkus.datasource.reactive.url", nowhere,
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", LOG.toString());
        }
    }

    @Test
    void outageIsReportedAsInternalWithACorrelationIdAndNoDetails() throws IOException {
        JsonPath json = GraphQLClient.failure(Tokens.forUser(INITECH_OWNER, INITECH), "costByTenant",
                GraphQLClient.range(), Map.of());

        assertThat(json.getString("errors[0].extensions.code")).isEqualTo("INTERNAL");
        String message = json.getString("errors[0].message");
        assertThat(message).matches("Internal error; reference [0-9a-f-]{36}");
        BadInputTest.assertNoInternals(json);

        String reference = message.substring(message.lastIndexOf(' ') + 1);
        assertThat(Files.readString(LOG)).contains("correlation id " + reference);
    }
}
