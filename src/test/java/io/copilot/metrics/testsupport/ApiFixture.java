package io.copilot.metrics.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The API tests' fixture: fixtures/api-tenants.sql, loaded once per database (committed: the
 * service reads it through its own connections), and real signed tokens for its callers. A
 * JUnit extension, {@code @ExtendWith(ApiFixture.class)}: it loads before each test, that is
 * after @QuarkusTest or @QuarkusIntegrationTest has started the application that migrates the
 * database, whatever the order the extensions were registered in. The constants are the
 * fixture's known values.
 */
public final class ApiFixture implements BeforeEachCallback {

    public static final UUID INITECH = UUID.fromString("cccccccc-0000-4000-8000-000000000000");
    public static final UUID INITECH_OWNER = UUID.fromString("cccccccc-0000-4000-8000-0000000000a1");
    public static final UUID INITECH_MEMBER = UUID.fromString("cccccccc-0000-4000-8000-0000000000a2");
    public static final UUID INITECH_CONVERSATION = UUID.fromString("cccccccc-0000-4000-8000-00000000c001");
    public static final UUID UMBRELLA = UUID.fromString("dddddddd-0000-4000-8000-000000000000");
    public static final UUID UMBRELLA_OWNER = UUID.fromString("dddddddd-0000-4000-8000-0000000000a1");
    public static final UUID PAGINATED = UUID.fromString("eeeeeeee-0000-4000-8000-000000000000");
    public static final UUID PAGINATED_OWNER = UUID.fromString("eeeeeeee-0000-4000-8000-0000000000a1");
    /** The subject of the usage writer's service-account tokens (Tokens.usageWriter). */
    public static final UUID USAGE_WRITER = UUID.fromString("f0000000-0000-4000-8000-0000000000c5");
    public static final UUID PLATFORM_ADMIN = UUID.fromString("f0000000-0000-4000-8000-0000000000ad");

    /** Every fixture cost lies in March 2026. */
    public static final String FROM = "2026-03-01T00:00:00Z";
    public static final String TO = "2026-04-01T00:00:00Z";

    private static String loadedInto;

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        load();
    }

    /** initech's owner, in initech (also a viewer of umbrella). */
    public static String initechOwner() {
        return Tokens.forUser(INITECH_OWNER, INITECH);
    }

    public static String umbrellaOwner() {
        return Tokens.forUser(UMBRELLA_OWNER, UMBRELLA);
    }

    public static String paginatedOwner() {
        return Tokens.forUser(PAGINATED_OWNER, PAGINATED);
    }

    public static String platformAdmin() {
        return Tokens.platformAdmin();
    }

    public static synchronized void load() throws SQLException {
        String database = OwnerDatabase.url();
        if (database.equals(loadedInto)) {
            return;
        }
        try (Connection connection = OwnerDatabase.connect(); Statement statement = connection.createStatement()) {
            boolean loaded;
            try (ResultSet rs = statement.executeQuery(
                    "SELECT count(*) FROM copilot_internal.tenants WHERE id = '" + INITECH + "'")) {
                rs.next();
                loaded = rs.getLong(1) > 0;
            }
            if (!loaded) {
                statement.execute(OwnerDatabase.resource("fixtures/api-tenants.sql"));
            }
        }
        loadedInto = database;
    }
}
