package io.copilot.metrics.usage;

/** A reservation is answered ALLOWED; a refusal is the error QUOTA_EXCEEDED, with nothing reserved. */
public enum ReservationDecision {
    ALLOWED
}
