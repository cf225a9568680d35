package io.copilot.metrics.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Loads fixtures/api-tenants.sql once per database (committed: the service reads it through
 * its own connections). The constants are the fixture's known values.
 */
public final class ApiFixture {

    public static final UUID INITECH = UUID.fromString("cccccccc-0000-4000-8000-000000000000");
    public static final UUID INITECH_OWNER = UUID.fromString("cccccccc-0000-4000-8000-0000000000a1");
    public static final UUID INITECH_MEMBER = UUID.fromString("cccccccc-0000-4000-8000-0000000000a2");
    public static final UUID INITECH_CONVERSATION = UUID.fromString("cccccccc-0000-4000-8000-00000000c001");
    public static final UUID UMBRELLA = UUID.fromString("dddddddd-0000-4000-8000-000000000000");
    public static final UUID UMBRELLA_OWNER = UUID.fromString("dddddddd-0000-4000-8000-0000000000a1");
    public static final UUID PAGINATED = UUID.fromString("eeeeeeee-0000-4000-8000-000000000000");
    public static final UUID PAGINATED_OWNER = UUID.fromString("eeeeeeee-0000-4000-8000-0000000000a1");
    public static final UUID PLATFORM_ADMIN = UUID.fromString("f0000000-0000-4000-8000-0000000000ad");

    /** Every fixture cost lies in March 2026. */
    public static final String FROM = "2026-03-01T00:00:00Z";
    public static final String TO = "2026-04-01T00:00:00Z";

    private ApiFixture() {
    }

    public static synchronized void load() throws SQLException {
        try (Connection connection = OwnerDatabase.connect(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(
                    "SELECT count(*) FROM copilot_internal.tenants WHERE id = '" + INITECH + "'")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return;
                }
            }
            statement.execute(OwnerDatabase.resource("fixtures/api-tenants.sql"));
        }
    }
}
