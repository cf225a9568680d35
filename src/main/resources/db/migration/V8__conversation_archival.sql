-- Archival: an archived conversation keeps its messages but leaves the active lists.

ALTER TABLE copilot_internal.conversations
    ADD COLUMN archived_at timestamptz,
    ADD CONSTRAINT conversations_archived_consistent
        CHECK ((status = 'archived') = (archived_at IS NOT NULL));

CREATE INDEX idx_conversations_active ON copilot_internal.conversations (tenant_id, last_message_at DESC)
    WHERE archived_at IS NULL;

-- Runs as the caller: RLS decides which conversations it may archive.
CREATE OR REPLACE FUNCTION public.archive_conversation(p_conversation_id uuid)
    RETURNS boolean
    LANGUAGE sql
    VOLATILE
    SET search_path = pg_catalog
AS $$
    WITH archived AS (
        UPDATE copilot_internal.conversations
        SET status = 'archived', archived_at = now()
        WHERE id = p_conversation_id AND archived_at IS NULL
        RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM archived)
$$;

CREATE OR REPLACE FUNCTION public.unarchive_conversation(p_conversation_id uuid)
    RETURNS boolean
    LANGUAGE sql
    VOLATILE
    SET search_path = pg_catalog
AS $$
    WITH restored AS (
        UPDATE copilot_internal.conversations
        SET status = 'active', archived_at = NULL
        WHERE id = p_conversation_id AND archived_at IS NOT NULL
        RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM restored)
$$;

REVOKE ALL ON FUNCTION public.archive_conversation(uuid), public.unarchive_conversation(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.archive_conversation(uuid), public.unarchive_conversation(uuid)
    TO authenticated, service_role;
