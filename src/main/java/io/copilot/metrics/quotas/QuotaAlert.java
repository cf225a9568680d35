package io.copilot.metrics.quotas;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Something a dashboard should know at once about one of the caller's quotas.")
public record QuotaAlert(
        @NonNull QuotaAlertKind kind,
        @Description("The state before (for RESERVATION_REFUSED the same as now)") @NonNull QuotaState previousState,
        @NonNull @Description("The quota as it is now: scope, resource, period, limit, spent, remaining, state") QuotaStatus quota,
        @NonNull @Description("When the service noticed it") OffsetDateTime noticedAt) {
}
