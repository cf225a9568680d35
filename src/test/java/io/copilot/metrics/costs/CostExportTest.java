package io.copilot.metrics.costs;

import static io.copilot.metrics.testsupport.ApiFixture.INITECH;
import static io.copilot.metrics.testsupport.ApiFixture.INITECH_OWNER;
import static io.copilot.metrics.testsupport.ApiFixture.UMBRELLA;
import static io.copilot.metrics.testsupport.GraphQLClient.data;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.copilot.metrics.testsupport.ApiFixture;
import io.copilot.metrics.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * GET /export/costs.csv: exactly what allCosts pages through for the same caller and filters,
 * authenticated like /graphql, with coded refusals.
 */
@QuarkusTest
@ExtendWith(ApiFixture.class)
class CostExportTest {

    private static final String PATH = "/export/costs.csv";

    @Test
    void theCsvHoldsWhatAllCostsAnswersForTheSameCaller() {
        String token = ApiFixture.initechOwner();
        Response csv = export(token, Map.of("from", ApiFixture.FROM, "to", ApiFixture.TO));
        csv.then().statusCode(200).contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"costs.csv\"");
        List<String[]> rows = rows(csv.asString());
        assertThat(rows.get(0)).startsWith("id", "cost_type", "tenant_id").contains("cost_usd", "request_id");

        List<String> allCosts = data(token, "allCostsEveryField", Map.of("filter", Map.of("from", ApiFixture.FROM,
                "to", ApiFixture.TO), "first", 100)).getList("data.allCosts.edges.node.id", String.class);
        assertThat(rows.subList(1, rows.size())).extracting(row -> row[0]).containsExactlyElementsOf(allCosts);
        assertThat(rows.subList(1, rows.size())).extracting(row -> row[2]).containsOnly(INITECH.toString());

        String[] first = rows.get(1);
        assertThat(first).containsSequence("llm", INITECH.toString(), INITECH_OWNER.toString());
        assertThat(new BigDecimal(first[column(rows, "cost_usd")])).isEqualByComparingTo("0.06");
        assertThat(first[column(rows, "request_id")]).isEqualTo("req-initech-1");
        assertThat(first[column(rows, "cached_input_tokens")]).isEqualTo("200");
        assertThat(first[column(rows, "occurred_at")]).isEqualTo("2026-03-10T12:00:00Z");
    }

    @Test
    void filtersApplyAndAnotherTenantSeesOnlyItsOwn() {
        List<String[]> sandbox = rows(export(ApiFixture.initechOwner(), Map.of("costType", "e2b")).asString());
        assertThat(sandbox).hasSize(2);
        assertThat(sandbox.get(1)[1]).isEqualTo("e2b");

        List<String[]> umbrella = rows(export(ApiFixture.umbrellaOwner(), Map.of()).asString());
        assertThat(umbrella.subList(1, umbrella.size())).extracting(row -> row[2]).containsOnly(UMBRELLA.toString());
        assertThat(umbrella.subList(1, umbrella.size())).hasSize(2);

        List<String[]> everyone = rows(export(ApiFixture.platformAdmin(), Map.of()).asString());
        assertThat(everyone.subList(1, everyone.size())).extracting(row -> row[2])
                .contains(INITECH.toString(), UMBRELLA.toString());
    }

    @Test
    void refusesCallersWithoutAValidToken() {
        given().get(PATH).then().statusCode(401);
        export(Tokens.expired(INITECH_OWNER, INITECH), Map.of()).then().statusCode(401);
        export(Tokens.wronglySigned(INITECH_OWNER, INITECH), Map.of()).then().statusCode(401);
        export(Tokens.wrongAudience(INITECH_OWNER, INITECH), Map.of()).then().statusCode(401);
    }

    @Test
    void refusesBadInputAndCallersWithoutATenantWithACode() {
        Response badInstant = export(ApiFixture.initechOwner(), Map.of("from", "yesterday"));
        badInstant.then().statusCode(400);
        assertThat(badInstant.jsonPath().getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
        assertThat(badInstant.jsonPath().getString("errors[0].message")).contains("from");
        Response badType = export(ApiFixture.initechOwner(), Map.of("costType", "gold"));
        assertThat(badType.jsonPath().getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
        Response reversed = export(ApiFixture.initechOwner(), Map.of("from", ApiFixture.TO, "to", ApiFixture.FROM));
        assertThat(reversed.statusCode()).isEqualTo(400);

        Response noTenant = export(Tokens.withoutTenant(INITECH_OWNER), Map.of());
        noTenant.then().statusCode(403);
        assertThat(noTenant.jsonPath().getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
    }

    @Test
    void hostileParametersGetACodedRefusalNeverAServerError() {
        Random random = new Random(7);
        String hostile = "'\";-%_\\/*|{}[]$\u0000\u001f\u00e9\ud83d\ude00";
        for (int i = 0; i < 60; i++) {
            StringBuilder value = new StringBuilder();
            for (int c = random.nextInt(i % 10 == 0 ? 400 : 20); c > 0; c--) {
                value.append(hostile.charAt(random.nextInt(hostile.length())));
            }
            String name = List.of("from", "to", "costType", "userId", "conversationId", "provider", "model")
                    .get(random.nextInt(7));
            Response answer = export(ApiFixture.initechOwner(), Map.of(name, value.toString()));
            assertThat(answer.statusCode()).as(name + "=" + value).isIn(200, 400);
            assertThat(answer.asString()).doesNotContain("Exception").doesNotContain("copilot_internal");
        }
    }

    @Test
    void theTenantHeaderFollowsTheMembershipRule() {
        // initech's owner is a viewer of umbrella: may export it; umbrella's owner may not export initech
        List<String[]> picked = rows(given().header("Authorization", "Bearer " + ApiFixture.initechOwner())
                .header("X-Tenant-Id", UMBRELLA.toString()).get(PATH).asString());
        assertThat(picked.subList(1, picked.size())).extracting(row -> row[2]).containsOnly(UMBRELLA.toString());
        Response refused = given().header("Authorization", "Bearer " + ApiFixture.umbrellaOwner())
                .header("X-Tenant-Id", INITECH.toString()).get(PATH);
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    private static Response export(String token, Map<String, ?> parameters) {
        return given().header("Authorization", "Bearer " + token).queryParams(parameters).get(PATH);
    }

    private static int column(List<String[]> rows, String name) {
        return Arrays.asList(rows.get(0)).indexOf(name);
    }

    /** The fixture's values hold no comma, quote or line break, so a split is a faithful parse here. */
    private static List<String[]> rows(String csv) {
        assertThat(csv).endsWith("\r\n");
        List<String[]> rows = new ArrayList<>();
        for (String line : csv.split("\r\n")) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }
}
