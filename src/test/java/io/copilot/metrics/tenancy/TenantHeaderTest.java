package io.copilot.metrics.tenancy;

import static io.copilot.metrics.testsupport.Money.assertMoney;
import static io.copilot.metrics.testsupport.ApiFixture.INITECH;
import static io.copilot.metrics.testsupport.ApiFixture.INITECH_OWNER;
import static io.copilot.metrics.testsupport.ApiFixture.PAGINATED;
import static io.copilot.metrics.testsupport.ApiFixture.UMBRELLA;
import static io.copilot.metrics.testsupport.ApiFixture.UMBRELLA_OWNER;
import static io.copilot.metrics.testsupport.GraphQLClient.range;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.copilot.metrics.testsupport.ApiFixture;
import io.copilot.metrics.testsupport.GraphQLClient;
import io.copilot.metrics.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Picking a tenant with X-Tenant-Id: honoured only for an active membership or an administrator. */
@QuarkusTest
@ExtendWith(ApiFixture.class)
class TenantHeaderTest {

    @Test
    void memberOfSeveralTenantsMayPickAnotherOne() {
        JsonPath json = GraphQLClient.data(Tokens.forUser(INITECH_OWNER, INITECH), "costByTenant", range(),
                Map.of("X-Tenant-Id", UMBRELLA.toString()));
        assertThat(json.getList("data.costByTenant.tenantId", String.class)).containsExactly(UMBRELLA.toString());
        assertMoney(json, "data.costByTenant[0].totalCostUsd", "3");
    }

    @Test
    void headerNamingATenantWithoutMembershipIsForbidden() {
        JsonPath json = GraphQLClient.failure(Tokens.forUser(UMBRELLA_OWNER, UMBRELLA), "costByTenant", range(),
                Map.of("X-Tenant-Id", INITECH.toString()));
        assertThat(json.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        assertThat(json.getString("data")).isNull();
    }

    @Test
    void headerThatIsNotATenantIdIsBadInput() {
        JsonPath json = GraphQLClient.failure(Tokens.forUser(INITECH_OWNER, INITECH), "costByTenant", range(),
                Map.of("X-Tenant-Id", "initech' OR 1=1 --"));
        assertThat(json.getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void administratorMayLookAtOneTenant() {
        JsonPath json = GraphQLClient.data(Tokens.platformAdmin(), "costByTenant", range(),
                Map.of("X-Tenant-Id", PAGINATED.toString()));
        assertThat(json.getList("data.costByTenant.tenantId", String.class)).containsExactly(PAGINATED.toString());
    }

    @Test
    void tenantClaimThatIsNotATenantIdIsForbidden() {
        JsonPath json = GraphQLClient.failure(Tokens.withTenantClaim(INITECH_OWNER, "initech"), "costByTenant",
                range(), Map.of());
        assertThat(json.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
    }
}
