-- Idempotency of recorded usage: each record carries the caller's idempotency key (say the
-- provider's request id), unique per tenant. A replay of the same usage answers the original
-- receipt and spends nothing again; the same key with other content is a conflict.
-- Keys are pruned by occurred_at once they are older than the service's idempotency retention,
-- and usage older than that retention is refused: so a pruned key can never be replayed into a
-- second record.

CREATE TABLE copilot_internal.usage_receipts (
    tenant_id       uuid        NOT NULL REFERENCES copilot_internal.tenants (id) ON DELETE CASCADE,
    idempotency_key text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 256),
    resource_type   text        NOT NULL CHECK (resource_type IN ('llm', 'e2b')),
    -- llm_cost_records.id or e2b_cost_records.id, after resource_type
    record_id       uuid        NOT NULL,
    -- sha256 of the usage as it was given: a replay must match it
    content_hash    bytea       NOT NULL,
    -- the worst state of the applicable quotas right after the record: part of the receipt
    quota_status    text        CHECK (quota_status IN ('OK', 'WARNING', 'EXCEEDED')),
    occurred_at     timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, idempotency_key)
);

CREATE INDEX idx_usage_receipts_occurred_at ON copilot_internal.usage_receipts (occurred_at);

SELECT copilot_internal.enable_tenant_isolation('copilot_internal.usage_receipts', false, true);
