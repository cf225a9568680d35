package io.copilot.metrics.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

/** Claim lookup by dotted path, as configured for Keycloak and other IdPs. */
class ClaimPathsTest {

    private final JsonObject claims = new JsonObject("""
            {"sub": "u1",
             "tenant_id": "t-top",
             "org": {"tenant": {"id": "t-nested"}},
             "realm_access": {"roles": ["user", "platform-admin", 7]},
             "groups": "analysts"}
            """);

    @Test
    void readsTopLevelAndNestedClaims() {
        assertThat(ClaimPaths.text(claims, "tenant_id")).contains("t-top");
        assertThat(ClaimPaths.text(claims, "org.tenant.id")).contains("t-nested");
    }

    @Test
    void missingOrNonObjectPathsAreEmpty() {
        assertThat(ClaimPaths.text(claims, "org.missing.id")).isEmpty();
        assertThat(ClaimPaths.text(claims, "sub.deeper")).isEmpty();
        assertThat(ClaimPaths.strings(claims, "nowhere")).isEmpty();
    }

    @Test
    void rolesComeFromArraysOrSingleStringsAndIgnoreNonStrings() {
        assertThat(ClaimPaths.strings(claims, "realm_access.roles")).containsExactly("user", "platform-admin");
        assertThat(ClaimPaths.strings(claims, "groups")).containsExactly("analysts");
    }
}
