-- Conversation compaction: the record of each run, and the query the auto-compaction job uses
-- to pick its next candidates (formerly a separate migration, consolidated here).

CREATE TABLE copilot_internal.compaction_operations (
    id                uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id         uuid        NOT NULL,
    conversation_id   uuid        NOT NULL,
    path_id           uuid,
    strategy          text        NOT NULL CHECK (strategy IN ('sliding_window', 'summarize', 'semantic')),
    triggered_by      text        NOT NULL DEFAULT 'auto' CHECK (triggered_by IN ('auto', 'manual')),
    status            text        NOT NULL DEFAULT 'pending'
                                  CHECK (status IN ('pending', 'running', 'completed', 'failed')),
    messages_before   integer     CHECK (messages_before >= 0),
    messages_after    integer     CHECK (messages_after >= 0),
    tokens_before     integer     CHECK (tokens_before >= 0),
    tokens_after      integer     CHECK (tokens_after >= 0),
    cost_usd          numeric(20, 10) CHECK (cost_usd >= 0),
    error_message     text,
    started_at        timestamptz,
    completed_at      timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (tenant_id, conversation_id)
        REFERENCES copilot_internal.conversations (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, path_id)
        REFERENCES copilot_internal.conversation_paths (tenant_id, id) ON DELETE CASCADE
);

CREATE INDEX idx_compaction_operations_conversation
    ON copilot_internal.compaction_operations (conversation_id, completed_at DESC) WHERE status = 'completed';

SELECT copilot_internal.enable_tenant_isolation('copilot_internal.compaction_operations', true, false);

-- Conversations with more than p_message_count_gt live messages, active since
-- p_last_activity_after, and not compacted since p_last_compaction_before (or never),
-- most messages first. Runs as the caller: a tenant's job sees only its tenant.
CREATE OR REPLACE FUNCTION copilot_internal.get_conversations_needing_compaction(
    p_message_count_gt integer DEFAULT 50,
    p_last_activity_after timestamptz DEFAULT now() - interval '7 days',
    p_last_compaction_before timestamptz DEFAULT now() - interval '1 day',
    p_limit integer DEFAULT 100)
    RETURNS TABLE (
        conversation_id    uuid,
        tenant_id          uuid,
        message_count      bigint,
        last_activity_at   timestamptz,
        last_compaction_at timestamptz)
    LANGUAGE sql
    STABLE
    SET search_path = pg_catalog
AS $$
    WITH activity AS (
        SELECT m.conversation_id, m.tenant_id, count(*) AS message_count, max(m.created_at) AS last_activity_at
        FROM copilot_internal.conversation_messages m
        JOIN copilot_internal.conversations c ON c.id = m.conversation_id
        WHERE m.deleted_at IS NULL
          AND c.archived_at IS NULL
        GROUP BY m.conversation_id, m.tenant_id),
    last_compaction AS (
        SELECT op.conversation_id, max(op.completed_at) AS last_compaction_at
        FROM copilot_internal.compaction_operations op
        WHERE op.status = 'completed'
        GROUP BY op.conversation_id)
    SELECT a.conversation_id, a.tenant_id, a.message_count, a.last_activity_at, lc.last_compaction_at
    FROM activity a
    LEFT JOIN last_compaction lc ON lc.conversation_id = a.conversation_id
    WHERE a.message_count > p_message_count_gt
      AND a.last_activity_at > p_last_activity_after
      AND (lc.last_compaction_at IS NULL OR lc.last_compaction_at < p_last_compaction_before)
    ORDER BY a.message_count DESC, a.last_activity_at DESC, a.conversation_id
    LIMIT p_limit
$$;

GRANT EXECUTE ON FUNCTION copilot_internal.get_conversations_needing_compaction(integer, timestamptz, timestamptz, integer)
    TO service_role, authenticated;
