package io.copilot.metrics.quotas;

import org.eclipse.microprofile.graphql.Description;

@Description("Why a quota alert was sent.")
public enum QuotaAlertKind {
    @Description("The quota's state changed within its period: OK to WARNING, WARNING to EXCEEDED, or back when the limit was raised.")
    CROSSED,
    @Description("A new period's quota took over from the previous one (usually back to OK).")
    PERIOD_STARTED,
    @Description("A reservation was refused because it would have passed this quota's limit.")
    RESERVATION_REFUSED
}
