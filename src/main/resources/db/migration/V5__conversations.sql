-- Conversations, their messages and the per-conversation context state.

CREATE TABLE copilot_internal.conversations (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id       uuid        NOT NULL REFERENCES copilot_internal.tenants (id) ON DELETE CASCADE,
    user_id         uuid        NOT NULL,
    title           text        CHECK (length(title) <= 500),
    status          text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived', 'deleted')),
    last_message_at timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    -- (tenant_id, id) lets child tables enforce that a row's tenant matches its conversation's.
    UNIQUE (tenant_id, id)
);

CREATE INDEX idx_conversations_tenant_user ON copilot_internal.conversations (tenant_id, user_id, created_at DESC);

CREATE TABLE copilot_internal.conversation_messages (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id       uuid        NOT NULL,
    conversation_id uuid        NOT NULL,
    user_id         uuid,
    role            text        NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
    content         text        NOT NULL,
    metadata        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    FOREIGN KEY (tenant_id, conversation_id)
        REFERENCES copilot_internal.conversations (tenant_id, id) ON DELETE CASCADE
);

CREATE INDEX idx_conversation_messages_conversation
    ON copilot_internal.conversation_messages (conversation_id, created_at);

CREATE TABLE copilot_internal.conversation_contexts (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id       uuid        NOT NULL,
    conversation_id uuid        NOT NULL,
    active_nodes    text[]      NOT NULL DEFAULT ARRAY[]::text[],
    state           jsonb       NOT NULL DEFAULT '{}'::jsonb,
    summary         text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (conversation_id),
    FOREIGN KEY (tenant_id, conversation_id)
        REFERENCES copilot_internal.conversations (tenant_id, id) ON DELETE CASCADE
);

CREATE TRIGGER conversations_touch_updated_at BEFORE UPDATE ON copilot_internal.conversations
    FOR EACH ROW EXECUTE FUNCTION copilot_internal.touch_updated_at();
CREATE TRIGGER conversation_contexts_touch_updated_at BEFORE UPDATE ON copilot_internal.conversation_contexts
    FOR EACH ROW EXECUTE FUNCTION copilot_internal.touch_updated_at();

-- conversation_contexts gets the four policies the seeds name (once a separate "fix"
-- migration): service_role_full_access, tenant_read, tenant_write, tenant_update.
-- analytics_reader reads conversations (title, owner) so cost-by-conversation works platform-wide;
-- messages and contexts stay private to the tenant.
SELECT copilot_internal.enable_tenant_isolation('copilot_internal.conversations', true, true);
SELECT copilot_internal.enable_tenant_isolation('copilot_internal.conversation_messages', true, false);
SELECT copilot_internal.enable_tenant_isolation('copilot_internal.conversation_contexts', true, false);
