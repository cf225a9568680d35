package io.copilot.metrics.quotas;

/** EXCEEDED at or over the limit, WARNING at or over the warning threshold, OK below it. */
public enum QuotaState {
    OK,
    WARNING,
    EXCEEDED
}
