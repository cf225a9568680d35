package io.copilot.metrics.costs;

/** What a cost was spent on. */
public enum CostType {
    LLM,
    E2B;

    /** The value used in the database (metrics.all_costs.cost_type). */
    public String databaseValue() {
        return name().toLowerCase();
    }
}
