-- Pinned messages survive compaction and are listed first in the conversation's sidebar.

ALTER TABLE copilot_internal.conversation_messages
    ADD COLUMN is_pinned boolean NOT NULL DEFAULT false,
    ADD COLUMN pinned_at timestamptz,
    ADD COLUMN pinned_by uuid,
    ADD CONSTRAINT conversation_messages_pin_consistent CHECK (is_pinned = (pinned_at IS NOT NULL));

CREATE INDEX idx_conversation_messages_pinned ON copilot_internal.conversation_messages (conversation_id, pinned_at)
    WHERE is_pinned;

CREATE OR REPLACE FUNCTION public.set_message_pinned(p_message_id uuid, p_pinned boolean)
    RETURNS boolean
    LANGUAGE sql
    VOLATILE
    SET search_path = pg_catalog
AS $$
    WITH changed AS (
        UPDATE copilot_internal.conversation_messages
        SET is_pinned = p_pinned,
            pinned_at = CASE WHEN p_pinned THEN now() END,
            pinned_by = CASE WHEN p_pinned THEN public.current_user_id() END
        WHERE id = p_message_id AND is_pinned IS DISTINCT FROM p_pinned
        RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM changed)
$$;

REVOKE ALL ON FUNCTION public.set_message_pinned(uuid, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.set_message_pinned(uuid, boolean) TO authenticated, service_role;
