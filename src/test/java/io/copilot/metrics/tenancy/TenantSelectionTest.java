package io.copilot.metrics.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.copilot.metrics.api.BadUserInputException;
import io.copilot.metrics.api.ForbiddenException;
import io.copilot.metrics.config.TenancyConfig;
import io.copilot.metrics.tenancy.TenantSelection.Chosen;
import io.copilot.metrics.tenancy.TenantSelection.MembershipNeeded;
import io.copilot.metrics.tenancy.TenantSelection.Selection;
import io.vertx.core.json.JsonObject;

/** The tenancy rule on its own: claims and a requested tenant in, a caller (or a refusal) out. */
class TenantSelectionTest {

    private static final UUID HOME = UUID.fromString("aaaaaaaa-0000-4000-8000-000000000000");
    private static final UUID OTHER = UUID.fromString("bbbbbbbb-0000-4000-8000-000000000000");

    private final TenantSelection selection = new TenantSelection(new TenancyConfig() {
        @Override
        public String tenantClaim() {
            return "org.tenant";
        }

        @Override
        public List<String> rolesClaims() {
            return List.of("realm_access.roles", "groups");
        }

        @Override
        public String adminRole() {
            return "platform-admin";
        }

        @Override
        public String tenantHeader() {
            return "X-Tenant-Id";
        }

        @Override
        public String usageWriterRole() {
            return "usage-writer";
        }
    });

    @Test
    void onlyTheUsageWriterRoleMakesAServiceAccount() throws Exception {
        assertThat(selection.serviceAccount(claims(null, "usage-writer")).subject()).isEqualTo("u1");
        assertThat(selection.serviceAccount(claims(HOME.toString(), "usage-writer")).subject()).isEqualTo("u1");
        for (String role : List.of("user", "platform-admin", "usage_writer")) {
            assertThatThrownBy(() -> selection.serviceAccount(claims(HOME.toString(), role)))
                    .as(role).isInstanceOf(ForbiddenException.class);
        }
    }

    @Test
    void theTokensTenantAndRolesMakeTheCaller() throws Exception {
        Caller caller = chosen(selection.select(claims(HOME.toString(), "user"), Optional.empty()));
        assertThat(caller.subject()).isEqualTo("u1");
        assertThat(caller.tenantId()).contains(HOME);
        assertThat(caller.roles()).containsExactlyInAnyOrder("user", "analysts");
        assertThat(caller.platformAdmin()).isFalse();
        assertThat(caller.readRole()).isEqualTo("authenticated");
    }

    @Test
    void noTenantAndNoPlatformAccessIsForbidden() {
        assertThatThrownBy(() -> selection.select(claims(null, "user"), Optional.empty()))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("org.tenant");
        assertThatThrownBy(() -> selection.select(claims("initech", "user"), Optional.empty()))
                .as("a tenant claim that is not a tenant id").isInstanceOf(ForbiddenException.class);
    }

    @Test
    void anAdministratorWithoutTenantReadsAcrossTenants() throws Exception {
        Caller admin = chosen(selection.select(claims(null, "platform-admin"), Optional.empty()));
        assertThat(admin.tenantId()).isEmpty();
        assertThat(admin.readRole()).isEqualTo("analytics_reader");
        assertThat(admin.writeRole()).isEmpty();
    }

    @Test
    void anAdministratorMayNarrowToAnyTenantWithoutAMembership() throws Exception {
        Caller admin = chosen(selection.select(claims(null, "platform-admin"), Optional.of(OTHER.toString())));
        assertThat(admin.tenantId()).contains(OTHER);
        assertThat(admin.readRole()).isEqualTo("authenticated");
    }

    @Test
    void askingForTheTokensOwnTenantNeedsNoMembershipCheck() throws Exception {
        Caller caller = chosen(selection.select(claims(HOME.toString(), "user"), Optional.of(" " + HOME + " ")));
        assertThat(caller.tenantId()).contains(HOME);
    }

    @Test
    void anotherTenantNeedsTheDatabasesWordOnAMembership() throws Exception {
        Selection pending = selection.select(claims(HOME.toString(), "user"), Optional.of(OTHER.toString()));
        assertThat(pending).isInstanceOf(MembershipNeeded.class);
        MembershipNeeded needed = (MembershipNeeded) pending;
        assertThat(needed.tenant()).isEqualTo(OTHER);
        assertThat(needed.asking().tenantId()).as("asks about its memberships without a tenant").isEmpty();

        assertThat(needed.confirm(true).tenantId()).contains(OTHER);
        assertThatThrownBy(() -> needed.confirm(false)).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining(OTHER.toString());
    }

    @Test
    void aRequestedTenantThatIsNotATenantIdIsBadInput() {
        for (String requested : List.of("initech' OR 1=1 --", "AAAAAAAA-0000-4000-8000", "1-1-1-1-1")) {
            assertThatThrownBy(() -> selection.select(claims(HOME.toString(), "user"), Optional.of(requested)))
                    .as(requested).isInstanceOf(BadUserInputException.class).hasMessageContaining("X-Tenant-Id");
        }
    }

    @Test
    void anEmptyRequestedTenantCountsAsNone() throws Exception {
        assertThat(chosen(selection.select(claims(HOME.toString(), "user"), Optional.of("  "))).tenantId())
                .contains(HOME);
    }

    @Test
    void theDatabaseGetsTheResolvedTenantNotTheTokensClaim() throws Exception {
        Caller caller = chosen(selection.select(claims(null, "platform-admin").put("tenant_id", "spoofed"),
                Optional.of(OTHER.toString())));
        JsonObject session = new JsonObject(caller.claimsJson());
        assertThat(session.getString("tenant_id")).isEqualTo(OTHER.toString());
        assertThat(session.getString("sub")).isEqualTo("u1");
        assertThat(session.getJsonArray("roles").getList()).containsExactly("platform-admin");
    }

    @Test
    void theSessionClaimsLeaveTheTokensClaimsAsTheyWereForItsNextRequest() throws Exception {
        JsonObject token = claims(null, "platform-admin").put("tenant_id", "spoofed");
        String before = token.encode();
        String inOther = chosen(selection.select(token, Optional.of(OTHER.toString()))).claimsJson();
        String inHome = chosen(selection.select(token, Optional.of(HOME.toString()))).claimsJson();

        assertThat(token.encode()).isEqualTo(before);
        assertThat(new JsonObject(inOther).getString("tenant_id")).isEqualTo(OTHER.toString());
        assertThat(new JsonObject(inHome).getString("tenant_id")).isEqualTo(HOME.toString());
        assertThat(new JsonObject(inHome).getJsonObject("realm_access")).isEqualTo(token.getJsonObject("realm_access"));
    }

    private static Caller chosen(Selection selection) {
        assertThat(selection).isInstanceOf(Chosen.class);
        return ((Chosen) selection).caller();
    }

    private static JsonObject claims(String tenant, String role) {
        JsonObject claims = new JsonObject().put("sub", "u1")
                .put("realm_access", new JsonObject().put("roles", List.of(role)));
        if (!"platform-admin".equals(role)) {
            claims.put("groups", "analysts");
        }
        if (tenant != null) {
            claims.put("org", new JsonObject().put("tenant", tenant));
        }
        return claims;
    }
}
