package io.copilot.metrics.tenancy;

import static io.copilot.metrics.testsupport.ApiFixture.INITECH;
import static io.copilot.metrics.testsupport.ApiFixture.INITECH_OWNER;
import static io.copilot.metrics.testsupport.GraphQLClient.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.copilot.metrics.testsupport.ApiFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** "Who am I", with the memberships the database shows for the subject. */
@QuarkusTest
@ExtendWith(ApiFixture.class)
class MeQueryTest {

    private final String initech = ApiFixture.initechOwner();
    private final String umbrella = ApiFixture.umbrellaOwner();
    private final String admin = ApiFixture.platformAdmin();

    @Test
    void me() {
        JsonPath own = data(initech, "me", Map.of());
        assertThat(own.getString("data.me.subject")).isEqualTo(INITECH_OWNER.toString());
        assertThat(own.getString("data.me.tenantId")).isEqualTo(INITECH.toString());
        assertThat(own.getBoolean("data.me.platformAdmin")).isFalse();
        assertThat(own.getList("data.me.memberships.tenantSlug", String.class))
                .containsExactly("initech", "umbrella");
        assertThat(own.getList("data.me.memberships.role", String.class)).containsExactly("owner", "viewer");

        JsonPath other = data(umbrella, "me", Map.of());
        assertThat(other.getList("data.me.memberships.tenantSlug", String.class)).containsExactly("umbrella");

        JsonPath all = data(admin, "me", Map.of());
        assertThat(all.getString("data.me.tenantId")).isNull();
        assertThat(all.getBoolean("data.me.platformAdmin")).isTrue();
        assertThat(all.getList("data.me.roles", String.class)).contains("platform-admin");
    }
}
