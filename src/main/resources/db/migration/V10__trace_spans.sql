-- OpenTelemetry correlation: trace ids on conversations, messages and contexts, and the spans
-- a conversation's context produced, so a cost can be followed back to the request that made it.

ALTER TABLE copilot_internal.conversations ADD COLUMN trace_id text;
ALTER TABLE copilot_internal.conversation_messages
    ADD COLUMN trace_id text,
    ADD COLUMN span_id text;
ALTER TABLE copilot_internal.conversation_contexts
    ADD COLUMN trace_id text,
    ADD COLUMN root_span_id text;

CREATE TABLE copilot_internal.conversation_trace_spans (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id       uuid        NOT NULL,
    conversation_id uuid        NOT NULL,
    trace_id        text        NOT NULL CHECK (trace_id ~ '^[0-9a-f]{32}$'),
    span_id         text        NOT NULL CHECK (span_id ~ '^[0-9a-f]{16}$'),
    parent_span_id  text        CHECK (parent_span_id ~ '^[0-9a-f]{16}$'),
    name            text        NOT NULL,
    kind            text        NOT NULL DEFAULT 'internal'
                                CHECK (kind IN ('internal', 'server', 'client', 'producer', 'consumer')),
    status          text        NOT NULL DEFAULT 'unset' CHECK (status IN ('unset', 'ok', 'error')),
    started_at      timestamptz NOT NULL,
    ended_at        timestamptz CHECK (ended_at >= started_at),
    attributes      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (trace_id, span_id),
    FOREIGN KEY (tenant_id, conversation_id)
        REFERENCES copilot_internal.conversations (tenant_id, id) ON DELETE CASCADE
);

CREATE INDEX idx_conversation_trace_spans_conversation
    ON copilot_internal.conversation_trace_spans (conversation_id, started_at);

SELECT copilot_internal.enable_tenant_isolation('copilot_internal.conversation_trace_spans', true, false);
