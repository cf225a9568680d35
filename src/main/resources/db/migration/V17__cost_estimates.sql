-- Costs estimated before a call or sandbox run, linked to the actual record once it exists,
-- so dashboards can show how good the estimates are.

CREATE TABLE copilot_internal.llm_cost_estimates (
    id                        uuid            PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id                 uuid            NOT NULL REFERENCES copilot_internal.tenants (id) ON DELETE CASCADE,
    user_id                   uuid,
    conversation_id           uuid,
    task_type                 text            NOT NULL DEFAULT 'chat',
    provider                  text            NOT NULL CHECK (provider = lower(provider)),
    model                     text            NOT NULL,
    estimated_input_tokens    bigint          NOT NULL CHECK (estimated_input_tokens >= 0),
    estimated_output_tokens   bigint          NOT NULL CHECK (estimated_output_tokens >= 0),
    estimated_cost_usd        numeric(20, 10) NOT NULL CHECK (estimated_cost_usd >= 0),
    pricing_id                uuid            REFERENCES copilot_internal.model_pricing (id),
    llm_cost_record_id        uuid            REFERENCES copilot_internal.llm_cost_records (id) ON DELETE SET NULL,
    created_at                timestamptz     NOT NULL DEFAULT now(),
    FOREIGN KEY (tenant_id, conversation_id)
        REFERENCES copilot_internal.conversations (tenant_id, id) ON DELETE SET NULL (conversation_id)
);

CREATE TABLE copilot_internal.e2b_cost_estimates (
    id                            uuid            PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id                     uuid            NOT NULL REFERENCES copilot_internal.tenants (id) ON DELETE CASCADE,
    user_id                       uuid,
    conversation_id               uuid,
    tier                          text            NOT NULL CHECK (tier = lower(tier)),
    region                        text            NOT NULL,
    estimated_execution_seconds   numeric(14, 3)  NOT NULL CHECK (estimated_execution_seconds >= 0),
    estimated_cost_usd            numeric(20, 10) NOT NULL CHECK (estimated_cost_usd >= 0),
    pricing_id                    uuid            REFERENCES copilot_internal.e2b_pricing (id),
    e2b_cost_record_id            uuid            REFERENCES copilot_internal.e2b_cost_records (id) ON DELETE SET NULL,
    created_at                    timestamptz     NOT NULL DEFAULT now(),
    FOREIGN KEY (tenant_id, conversation_id)
        REFERENCES copilot_internal.conversations (tenant_id, id) ON DELETE SET NULL (conversation_id)
);

CREATE INDEX idx_llm_cost_estimates_tenant_time ON copilot_internal.llm_cost_estimates (tenant_id, created_at);
CREATE INDEX idx_e2b_cost_estimates_tenant_time ON copilot_internal.e2b_cost_estimates (tenant_id, created_at);

SELECT copilot_internal.enable_tenant_isolation('copilot_internal.llm_cost_estimates', false, true);
SELECT copilot_internal.enable_tenant_isolation('copilot_internal.e2b_cost_estimates', false, true);
