package io.copilot.metrics.costs;

import org.eclipse.microprofile.graphql.Description;

/** What a cost breakdown groups by; each is a column of metrics.all_costs (or derived from one). */
@Description("A dimension costBreakdown groups by.")
public enum BreakdownDimension {
    @Description("Only useful to platform administrators, who read across tenants")
    TENANT("c.tenant_id"),
    @Description("For sandbox runs the provider is 'e2b'")
    PROVIDER("c.provider"),
    @Description("For sandbox runs the model is the tier")
    MODEL("c.model"),
    USER("c.user_id"),
    CONVERSATION("c.conversation_id"),
    @Description("LLM calls only; sandbox runs have none")
    TASK_TYPE("c.task_type"),
    @Description("Sandbox runs only; LLM calls have none")
    SANDBOX_TIER("CASE WHEN c.cost_type = 'e2b' THEN c.model END"),
    COST_TYPE("c.cost_type"),
    @Description("The value of the metadata tag named by tagKey")
    TAG("c.metadata ->> ?");

    /** The grouped expression; TAG's takes the tag key as its parameter. */
    final String expression;

    BreakdownDimension(String expression) {
        this.expression = expression;
    }

    /** The result column it is read from. */
    String column() {
        return name().toLowerCase();
    }
}
