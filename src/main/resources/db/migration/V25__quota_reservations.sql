-- Reservations: before an LLM call or a sandbox run, its estimated cost is held on every quota
-- that applies, so concurrent callers cannot together pass a limit that each alone respects.
-- A reservation is released when the actual usage is recorded (which adds the real spend in its
-- place) or when it expires unsettled. Written only by the recording functions.

ALTER TABLE copilot_internal.cost_quotas
    ADD COLUMN reserved_usd numeric(20, 10) NOT NULL DEFAULT 0 CHECK (reserved_usd >= 0);

COMMENT ON COLUMN copilot_internal.cost_quotas.reserved_usd IS
    'Sum of the unreleased reservations holding this quota: a reservation is allowed only while spend + reserved stays within limit_usd.';

CREATE TABLE copilot_internal.quota_reservations (
    id              uuid            PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id       uuid            NOT NULL REFERENCES copilot_internal.tenants (id) ON DELETE CASCADE,
    resource_type   text            NOT NULL CHECK (resource_type IN ('llm', 'e2b')),
    llm_estimate_id uuid            UNIQUE REFERENCES copilot_internal.llm_cost_estimates (id),
    e2b_estimate_id uuid            UNIQUE REFERENCES copilot_internal.e2b_cost_estimates (id),
    amount_usd      numeric(20, 10) NOT NULL CHECK (amount_usd >= 0),
    -- The quotas holding amount_usd (those in force when it was made): released from exactly these.
    quota_ids       uuid[]          NOT NULL,
    expires_at      timestamptz     NOT NULL,
    released_at     timestamptz,
    release_reason  text            CHECK (release_reason IN ('recorded', 'expired')),
    created_at      timestamptz     NOT NULL DEFAULT now(),
    CHECK ((resource_type = 'llm') = (llm_estimate_id IS NOT NULL)),
    CHECK ((resource_type = 'e2b') = (e2b_estimate_id IS NOT NULL)),
    CHECK ((released_at IS NULL) = (release_reason IS NULL))
);

CREATE INDEX idx_quota_reservations_unreleased ON copilot_internal.quota_reservations (tenant_id, expires_at)
    WHERE released_at IS NULL;
CREATE INDEX idx_quota_reservations_expiry ON copilot_internal.quota_reservations (expires_at)
    WHERE released_at IS NULL;

SELECT copilot_internal.enable_tenant_isolation('copilot_internal.quota_reservations', false, true);
