-- Branching: a conversation has one primary path and any number of branches forked at a message.

CREATE TABLE copilot_internal.conversation_paths (
    id                      uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id               uuid        NOT NULL,
    conversation_id         uuid        NOT NULL,
    parent_path_id          uuid        REFERENCES copilot_internal.conversation_paths (id) ON DELETE SET NULL,
    branch_point_message_id uuid        REFERENCES copilot_internal.conversation_messages (id) ON DELETE SET NULL,
    name                    text,
    is_primary              boolean     NOT NULL DEFAULT false,
    is_active               boolean     NOT NULL DEFAULT true,
    merged_into_path_id     uuid        REFERENCES copilot_internal.conversation_paths (id) ON DELETE SET NULL,
    merged_at               timestamptz,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, conversation_id)
        REFERENCES copilot_internal.conversations (tenant_id, id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX idx_conversation_paths_one_primary
    ON copilot_internal.conversation_paths (conversation_id) WHERE is_primary;
CREATE INDEX idx_conversation_paths_conversation ON copilot_internal.conversation_paths (conversation_id);

-- Messages belong to the path they were written on.
ALTER TABLE copilot_internal.conversation_messages
    ADD COLUMN path_id uuid REFERENCES copilot_internal.conversation_paths (id) ON DELETE SET NULL;
CREATE INDEX idx_conversation_messages_path ON copilot_internal.conversation_messages (path_id, created_at);

CREATE TRIGGER conversation_paths_touch_updated_at BEFORE UPDATE ON copilot_internal.conversation_paths
    FOR EACH ROW EXECUTE FUNCTION copilot_internal.touch_updated_at();

SELECT copilot_internal.enable_tenant_isolation('copilot_internal.conversation_paths', true, false);
