-- Conversation behaviour settings, layered: a tenant default, overridden per user, overridden
-- per conversation. The most specific row wins (see effective_conversation_config).

CREATE TABLE copilot_internal.conversation_configs (
    id                       uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id                uuid        NOT NULL REFERENCES copilot_internal.tenants (id) ON DELETE CASCADE,
    config_level             text        NOT NULL CHECK (config_level IN ('tenant', 'user', 'conversation')),
    user_id                  uuid,
    conversation_id          uuid,
    compaction_strategy      text        NOT NULL DEFAULT 'sliding_window'
                                         CHECK (compaction_strategy IN ('none', 'sliding_window', 'summarize', 'semantic')),
    compaction_message_limit integer     NOT NULL DEFAULT 50 CHECK (compaction_message_limit > 0),
    compaction_token_limit   integer     CHECK (compaction_token_limit > 0),
    settings                 jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    CHECK ((config_level = 'tenant' AND user_id IS NULL AND conversation_id IS NULL)
        OR (config_level = 'user' AND user_id IS NOT NULL AND conversation_id IS NULL)
        OR (config_level = 'conversation' AND conversation_id IS NOT NULL)),
    FOREIGN KEY (tenant_id, conversation_id)
        REFERENCES copilot_internal.conversations (tenant_id, id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX idx_conversation_configs_scope ON copilot_internal.conversation_configs
    (tenant_id, config_level, coalesce(user_id, '00000000-0000-0000-0000-000000000000'::uuid),
     coalesce(conversation_id, '00000000-0000-0000-0000-000000000000'::uuid));

CREATE TRIGGER conversation_configs_touch_updated_at BEFORE UPDATE ON copilot_internal.conversation_configs
    FOR EACH ROW EXECUTE FUNCTION copilot_internal.touch_updated_at();

SELECT copilot_internal.enable_tenant_isolation('copilot_internal.conversation_configs', true, false);

-- Runs as the caller, so RLS limits it to the caller's tenant.
CREATE OR REPLACE FUNCTION public.effective_conversation_config(p_conversation_id uuid)
    RETURNS SETOF copilot_internal.conversation_configs
    LANGUAGE sql
    STABLE
    SET search_path = pg_catalog
AS $$
    SELECT cfg.*
    FROM copilot_internal.conversations c
    JOIN copilot_internal.conversation_configs cfg
      ON cfg.tenant_id = c.tenant_id
     AND (cfg.config_level = 'tenant'
          OR (cfg.config_level = 'user' AND cfg.user_id = c.user_id)
          OR (cfg.config_level = 'conversation' AND cfg.conversation_id = c.id))
    WHERE c.id = p_conversation_id
    ORDER BY CASE cfg.config_level WHEN 'conversation' THEN 1 WHEN 'user' THEN 2 ELSE 3 END
    LIMIT 1
$$;

REVOKE ALL ON FUNCTION public.effective_conversation_config(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.effective_conversation_config(uuid) TO authenticated, service_role;
