-- What the platform spent: one row per LLM call and per E2B sandbox run, attributed to a
-- tenant, a user and usually a conversation. Written by trusted backends (service_role);
-- tenants only read their own rows. Amounts are numeric, never floating point.

CREATE TABLE copilot_internal.llm_cost_records (
    id                  uuid            PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id           uuid            NOT NULL REFERENCES copilot_internal.tenants (id) ON DELETE CASCADE,
    user_id             uuid,
    conversation_id     uuid,
    task_type           text            NOT NULL DEFAULT 'chat',
    provider            text            NOT NULL CHECK (provider = lower(provider)),
    model               text            NOT NULL,
    input_tokens        bigint          NOT NULL DEFAULT 0 CHECK (input_tokens >= 0),
    output_tokens       bigint          NOT NULL DEFAULT 0 CHECK (output_tokens >= 0),
    cached_input_tokens bigint          NOT NULL DEFAULT 0 CHECK (cached_input_tokens >= 0),
    cache_write_tokens  bigint          NOT NULL DEFAULT 0 CHECK (cache_write_tokens >= 0),
    reasoning_tokens    bigint          NOT NULL DEFAULT 0 CHECK (reasoning_tokens >= 0),
    input_cost_usd      numeric(20, 10) NOT NULL CHECK (input_cost_usd >= 0),
    output_cost_usd     numeric(20, 10) NOT NULL CHECK (output_cost_usd >= 0),
    total_cost_usd      numeric(20, 10) NOT NULL CHECK (total_cost_usd = input_cost_usd + output_cost_usd),
    pricing_id          uuid            REFERENCES copilot_internal.model_pricing (id),
    request_id          text,
    trace_id            text,
    metadata            jsonb           NOT NULL DEFAULT '{}'::jsonb,
    occurred_at         timestamptz     NOT NULL DEFAULT now(),
    created_at          timestamptz     NOT NULL DEFAULT now(),
    -- Deleting a conversation keeps its costs (they were spent) but forgets the link.
    FOREIGN KEY (tenant_id, conversation_id)
        REFERENCES copilot_internal.conversations (tenant_id, id) ON DELETE SET NULL (conversation_id)
);

CREATE INDEX idx_llm_cost_records_tenant_time ON copilot_internal.llm_cost_records (tenant_id, occurred_at, id);
CREATE INDEX idx_llm_cost_records_tenant_user ON copilot_internal.llm_cost_records (tenant_id, user_id, occurred_at);
CREATE INDEX idx_llm_cost_records_conversation ON copilot_internal.llm_cost_records (conversation_id)
    WHERE conversation_id IS NOT NULL;
CREATE INDEX idx_llm_cost_records_time ON copilot_internal.llm_cost_records (occurred_at);

CREATE TABLE copilot_internal.e2b_cost_records (
    id                     uuid            PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id              uuid            NOT NULL REFERENCES copilot_internal.tenants (id) ON DELETE CASCADE,
    user_id                uuid,
    conversation_id        uuid,
    execution_context_id   uuid,
    sandbox_id             text            NOT NULL,
    template_id            text,
    tier                   text            NOT NULL CHECK (tier = lower(tier)),
    region                 text            NOT NULL,
    execution_time_seconds numeric(14, 3)  NOT NULL CHECK (execution_time_seconds >= 0),
    cpu_core_seconds       numeric(14, 3)  CHECK (cpu_core_seconds >= 0),
    memory_gb_seconds      numeric(14, 3)  CHECK (memory_gb_seconds >= 0),
    disk_io_gb             numeric(14, 6)  CHECK (disk_io_gb >= 0),
    execution_cost_usd     numeric(20, 10) NOT NULL CHECK (execution_cost_usd >= 0),
    resource_cost_usd      numeric(20, 10) NOT NULL DEFAULT 0 CHECK (resource_cost_usd >= 0),
    total_cost_usd         numeric(20, 10) NOT NULL CHECK (total_cost_usd = execution_cost_usd + resource_cost_usd),
    is_estimated           boolean         NOT NULL DEFAULT false,
    pricing_id             uuid            REFERENCES copilot_internal.e2b_pricing (id),
    trace_id               text,
    metadata               jsonb           NOT NULL DEFAULT '{}'::jsonb,
    started_at             timestamptz,
    occurred_at            timestamptz     NOT NULL DEFAULT now(),
    created_at             timestamptz     NOT NULL DEFAULT now(),
    CHECK (started_at IS NULL OR started_at <= occurred_at),
    FOREIGN KEY (tenant_id, conversation_id)
        REFERENCES copilot_internal.conversations (tenant_id, id) ON DELETE SET NULL (conversation_id),
    FOREIGN KEY (tenant_id, execution_context_id)
        REFERENCES copilot_internal.execution_contexts (tenant_id, id) ON DELETE SET NULL (execution_context_id)
);

COMMENT ON COLUMN copilot_internal.e2b_cost_records.occurred_at IS 'When the sandbox run ended and the cost was incurred.';

CREATE INDEX idx_e2b_cost_records_tenant_time ON copilot_internal.e2b_cost_records (tenant_id, occurred_at, id);
CREATE INDEX idx_e2b_cost_records_tenant_user ON copilot_internal.e2b_cost_records (tenant_id, user_id, occurred_at);
CREATE INDEX idx_e2b_cost_records_conversation ON copilot_internal.e2b_cost_records (conversation_id)
    WHERE conversation_id IS NOT NULL;
CREATE INDEX idx_e2b_cost_records_time ON copilot_internal.e2b_cost_records (occurred_at);

SELECT copilot_internal.enable_tenant_isolation('copilot_internal.llm_cost_records', false, true);
SELECT copilot_internal.enable_tenant_isolation('copilot_internal.e2b_cost_records', false, true);
