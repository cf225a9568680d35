package io.copilot.metrics.costs;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("CostFilter")
@Description("Narrows allCosts; every field is optional. The time range is [from, to).")
public record CostFilter(
        OffsetDateTime from,
        OffsetDateTime to,
        CostType costType,
        @Description("A user id (UUID)") String userId,
        @Description("A conversation id (UUID)") String conversationId,
        String provider,
        String model) {

    static final CostFilter NONE = new CostFilter(null, null, null, null, null, null, null);
}
