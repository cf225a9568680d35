-- E2B sandboxes bound to a conversation path. A path may have many terminated contexts in its
-- history but at most one that is not terminated: the partial unique index enforces exactly
-- that (the seeds' former "fix" migration, folded in).

CREATE TABLE copilot_internal.execution_contexts (
    id                 uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id          uuid        NOT NULL,
    conversation_id    uuid        NOT NULL,
    path_id            uuid        NOT NULL,
    sandbox_id         text        NOT NULL,
    template_id        text,
    tier               text        NOT NULL DEFAULT 'standard',
    status             text        NOT NULL DEFAULT 'creating'
                                   CHECK (status IN ('creating', 'active', 'idle', 'terminating', 'terminated', 'error')),
    created_at         timestamptz NOT NULL DEFAULT now(),
    last_used_at       timestamptz NOT NULL DEFAULT now(),
    expires_at         timestamptz,
    terminated_at      timestamptz,
    termination_reason text,
    metadata           jsonb       NOT NULL DEFAULT '{}'::jsonb,
    UNIQUE (tenant_id, id),
    CHECK ((status = 'terminated') = (terminated_at IS NOT NULL)),
    FOREIGN KEY (tenant_id, conversation_id)
        REFERENCES copilot_internal.conversations (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, path_id)
        REFERENCES copilot_internal.conversation_paths (tenant_id, id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX idx_execution_contexts_unique_active_path
    ON copilot_internal.execution_contexts (tenant_id, conversation_id, path_id)
    WHERE terminated_at IS NULL;
CREATE INDEX idx_execution_contexts_terminated
    ON copilot_internal.execution_contexts (terminated_at) WHERE terminated_at IS NOT NULL;
CREATE INDEX idx_execution_contexts_expiring
    ON copilot_internal.execution_contexts (expires_at) WHERE terminated_at IS NULL;

SELECT copilot_internal.enable_tenant_isolation('copilot_internal.execution_contexts', true, false);

-- Maintenance job (service_role, e.g. weekly): deletes contexts terminated more than
-- p_days_old days ago, oldest first, at most p_limit per call so a large backlog is
-- worked off in bounded transactions.
CREATE OR REPLACE FUNCTION copilot_internal.cleanup_old_terminated_contexts(
    p_days_old integer DEFAULT 7,
    p_limit integer DEFAULT 100)
    RETURNS TABLE (deleted_count integer, deleted_ids uuid[])
    LANGUAGE plpgsql
    VOLATILE
    SET search_path = pg_catalog
AS $$
BEGIN
    IF p_days_old IS NULL OR p_days_old < 0 THEN
        RAISE EXCEPTION 'p_days_old must be >= 0, got %', p_days_old USING ERRCODE = '22023';
    END IF;
    IF p_limit IS NULL OR p_limit < 1 THEN
        RAISE EXCEPTION 'p_limit must be >= 1, got %', p_limit USING ERRCODE = '22023';
    END IF;

    RETURN QUERY
    WITH doomed AS (
        SELECT ec.id
        FROM copilot_internal.execution_contexts ec
        WHERE ec.terminated_at IS NOT NULL
          AND ec.terminated_at < now() - make_interval(days => p_days_old)
        ORDER BY ec.terminated_at
        LIMIT p_limit
        FOR UPDATE SKIP LOCKED),
    deleted AS (
        DELETE FROM copilot_internal.execution_contexts ec
        USING doomed
        WHERE ec.id = doomed.id
        RETURNING ec.id)
    SELECT count(*)::integer, coalesce(array_agg(deleted.id), ARRAY[]::uuid[])
    FROM deleted;
END
$$;

GRANT EXECUTE ON FUNCTION copilot_internal.cleanup_old_terminated_contexts(integer, integer) TO service_role;
