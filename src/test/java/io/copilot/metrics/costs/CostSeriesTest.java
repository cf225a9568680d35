package io.copilot.metrics.costs;

import static io.copilot.metrics.testsupport.Money.assertMoney;
import static io.copilot.metrics.testsupport.GraphQLClient.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.copilot.metrics.testsupport.ApiFixture;
import io.copilot.metrics.testsupport.GraphQLClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Bucket boundaries follow the caller's time zone, not UTC. */
@QuarkusTest
@ExtendWith(ApiFixture.class)
class CostSeriesTest {

    private final String token = ApiFixture.initechOwner();

    @Test
    void dailySeriesSplitsAtBerlinMidnight() {
        // The 0.60 call at 2026-03-10T23:30Z is 00:30 on 11 March in Berlin (UTC+1).
        JsonPath json = data(token, "costSeries", variables("DAY", "Europe/Berlin", null));
        assertThat(json.getList("data.costSeries.start", String.class))
                .containsExactly("2026-03-10T00:00:00+01:00", "2026-03-11T00:00:00+01:00");
        assertMoney(json, "data.costSeries[0].totalCostUsd", "0.06");
        assertMoney(json, "data.costSeries[1].llmCostUsd", "0.6");
        assertMoney(json, "data.costSeries[1].e2bCostUsd", "0.03");
        assertMoney(json, "data.costSeries[1].totalCostUsd", "0.63");
        assertThat(json.getInt("data.costSeries[1].llmRequestCount")).isEqualTo(1);
    }

    @Test
    void costTypeAndGranularityNarrowTheSeries() {
        JsonPath e2b = data(token, "costSeries", variables("DAY", "UTC", "E2B"));
        assertThat(e2b.getList("data.costSeries.start", String.class)).containsExactly("2026-03-11T00:00:00Z");

        JsonPath hourly = data(token, "costSeries", variables("HOUR", "Asia/Kolkata", "LLM"));
        // 12:00Z -> 17:30 IST, 23:30Z -> 05:00 IST the next day
        assertThat(hourly.getList("data.costSeries.start", String.class))
                .containsExactly("2026-03-10T17:00:00+05:30", "2026-03-11T05:00:00+05:30");

        JsonPath monthly = data(token, "costSeries", variables("MONTH", "UTC", null));
        assertThat(monthly.getList("data.costSeries")).hasSize(1);
        assertMoney(monthly, "data.costSeries[0].totalCostUsd", "0.69");
    }

    private static Map<String, Object> variables(String granularity, String timeZone, String costType) {
        Map<String, Object> variables = new HashMap<>(GraphQLClient.range());
        variables.put("granularity", granularity);
        variables.put("timeZone", timeZone);
        variables.put("costType", costType);
        return variables;
    }
}
