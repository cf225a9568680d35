package io.copilot.metrics.costs;

import org.eclipse.microprofile.graphql.Description;

@Description("The order of costBreakdown's rows; ties are broken by the bucket, then the grouped values.")
public enum BreakdownOrder {
    @Description("Highest total cost first")
    COST_DESC("total_cost_usd DESC"),
    @Description("Lowest total cost first")
    COST_ASC("total_cost_usd"),
    @Description("Most LLM calls and sandbox runs first")
    COUNT_DESC("cost_count DESC"),
    @Description("By bucket, then by the grouped values: what a chart over time wants")
    KEYS(null);

    final String leading;

    BreakdownOrder(String leading) {
        this.leading = leading;
    }
}
