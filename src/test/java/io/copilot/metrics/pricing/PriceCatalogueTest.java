package io.copilot.metrics.pricing;

import static io.copilot.metrics.testsupport.GraphQLClient.data;
import static io.copilot.metrics.testsupport.GraphQLClient.post;
import static io.copilot.metrics.testsupport.Money.assertMoney;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.copilot.metrics.testsupport.ApiFixture;
import io.copilot.metrics.testsupport.OwnerDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The price catalogue: the seeded prices in force now, the price in force at any instant when a
 * model's price changed, its history, and money as exact decimal strings.
 */
@QuarkusTest
@ExtendWith(ApiFixture.class)
class PriceCatalogueTest {

    /** A model of its own, so that its two prices touch no other test. */
    private static final String MODEL = "catalogue-test-" + UUID.randomUUID();

    private final String token = ApiFixture.initechOwner();

    @BeforeAll
    static void aModelWhosePriceChanges() throws SQLException {
        try (Connection owner = OwnerDatabase.connect(); Statement statement = owner.createStatement()) {
            statement.execute("INSERT INTO copilot_internal.model_pricing (provider, model, input_price_per_million, "
                    + "output_price_per_million, effective_date, notes) VALUES "
                    + "('testprovider', '" + MODEL + "', 1.5, 3, '2020-01-01T00:00:00Z', 'launch'), "
                    + "('testprovider', '" + MODEL + "', 0.75, 1.5, '2030-01-01T00:00:00Z', 'price cut')");
        }
    }

    @Test
    void theSeededPricesAreInForceNow() {
        JsonPath catalogue = data(token, "priceCatalogue", Map.of());
        List<Map<String, Object>> models = catalogue.getList("data.priceCatalogue.llmModels");
        assertThat(models).hasSizeGreaterThanOrEqualTo(27);
        Map<String, Object> gpt4 = models.stream().filter(model -> "gpt-4".equals(model.get("model"))).findFirst()
                .orElseThrow();
        assertMoney(gpt4.get("inputPricePerMillionUsd"), "30");
        assertMoney(gpt4.get("outputPricePerMillionUsd"), "60");
        assertThat(gpt4.get("effectiveUntil")).isNull();
        Map<String, Object> standard = catalogue.<Map<String, Object>>getList("data.priceCatalogue.sandboxTiers")
                .stream().filter(tier -> "standard".equals(tier.get("tier")) && "us-east-1".equals(tier.get("region")))
                .findFirst().orElseThrow();
        assertMoney(standard.get("pricePerSecondUsd"), "0.0001");
        assertThat(catalogue.getList("data.priceCatalogue.sandboxTiers.tier", String.class))
                .contains("standard", "high-cpu", "high-memory", "gpu");
    }

    @Test
    void thePriceInForceAtAnInstantIsTheOneWhoseIntervalHoldsIt() {
        assertThat(priceAt("2025-06-01T00:00:00Z")).isEqualTo("1.5");
        assertThat(priceAt("2030-01-01T00:00:00Z")).isEqualTo("0.75");
        assertThat(priceAt("2019-12-31T23:59:59Z")).isNull();

        JsonPath history = data(token, "llmPriceHistory", Map.of("provider", "testprovider", "model", MODEL));
        assertThat(history.getList("data.llmPriceHistory.inputPricePerMillionUsd", String.class))
                .containsExactly("1.5", "0.75");
        assertThat(history.getList("data.llmPriceHistory.notes", String.class)).containsExactly("launch", "price cut");
        assertThat(history.getString("data.llmPriceHistory[0].effectiveUntil")).startsWith("2030-01-01T00:00");

        assertThat(data(token, "sandboxPriceHistory", Map.of("tier", "gpu"))
                .getList("data.sandboxPriceHistory.pricePerSecondUsd")).isNotEmpty();
    }

    @Test
    void moneyIsAnExactDecimalString() {
        String body = post(token, "priceCatalogue", Map.of(), Map.of()).asString();
        assertThat(body).contains("\"inputPricePerMillionUsd\":\"30\"").doesNotContain("\"inputPricePerMillionUsd\":30");
        String costs = post(token, "costByTenant", Map.of("from", ApiFixture.FROM, "to", ApiFixture.TO), Map.of())
                .asString();
        assertThat(costs).contains("\"totalCostUsd\":\"0.69\"");
    }

    @Test
    void anAnonymousCallerIsRefused() {
        post(null, "priceCatalogue", Map.of(), Map.of()).then().statusCode(401);
    }

    private String priceAt(String at) {
        return data(token, "priceCatalogue", Map.of("at", at)).<Map<String, Object>>getList(
                "data.priceCatalogue.llmModels").stream().filter(model -> MODEL.equals(model.get("model")))
                .map(model -> (String) model.get("inputPricePerMillionUsd")).findFirst().orElse(null);
    }
}
