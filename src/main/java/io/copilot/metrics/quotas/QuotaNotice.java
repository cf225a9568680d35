package io.copilot.metrics.quotas;

import java.util.Optional;
import java.util.UUID;

/**
 * What the database announced on channel copilot_quota_alerts (R__quota_alerts.sql): which quota,
 * of which tenant, and why; never what it holds.
 */
record QuotaNotice(Kind kind, UUID quotaId, Optional<UUID> tenantId) {

    enum Kind {
        CROSSED,
        OPENED,
        REFUSED
    }

    /** "kind:quota id[:tenant id]"; empty for anything else. */
    static Optional<QuotaNotice> parse(String payload) {
        String[] parts = payload == null ? new String[0] : payload.split(":");
        if (parts.length < 2 || parts.length > 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new QuotaNotice(Kind.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT)),
                    UUID.fromString(parts[1]), parts.length == 3 ? Optional.of(UUID.fromString(parts[2]))
                            : Optional.empty()));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
