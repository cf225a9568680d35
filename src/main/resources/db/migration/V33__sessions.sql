-- Session persistence (seed 004): the platform's sessions survive a restart of the server that
-- holds them. Service accounts write them through the service (usage.record_sessions,
-- R__event_log_functions.sql); a user reads their own, a platform administrator every tenant's.
-- session_id is the platform's own handle, unique per tenant; state is what the platform last
-- reported (an active or idle session past expires_at reads as expired, metrics.sessions).

CREATE TABLE public.sessions (
    id                uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id         uuid        NOT NULL REFERENCES copilot_internal.tenants (id) ON DELETE CASCADE,
    session_id        text        NOT NULL CHECK (length(session_id) BETWEEN 1 AND 256),
    user_id           uuid        NOT NULL,
    state             text        NOT NULL DEFAULT 'active'
                                  CHECK (state IN ('active', 'idle', 'expired', 'terminated')),
    metadata          jsonb       NOT NULL DEFAULT '{}'
                                  CHECK (jsonb_typeof(metadata) = 'object' AND octet_length(metadata::text) <= 8192),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    last_activity_at  timestamptz NOT NULL DEFAULT now(),
    expires_at        timestamptz,
    -- request metrics, as the platform last counted them
    request_count     bigint      NOT NULL DEFAULT 0 CHECK (request_count >= 0),
    error_count       bigint      NOT NULL DEFAULT 0 CHECK (error_count >= 0),
    total_duration_ms numeric     NOT NULL DEFAULT 0 CHECK (total_duration_ms >= 0),
    CHECK (error_count <= request_count),
    CHECK (expires_at IS NULL OR expires_at >= created_at)
);

COMMENT ON TABLE public.sessions IS
    'Platform sessions, persisted so they survive a restart; written by service accounts, read by their users.';

CREATE UNIQUE INDEX idx_sessions_session_id ON public.sessions (tenant_id, session_id);
CREATE INDEX idx_sessions_user_id ON public.sessions (tenant_id, user_id, last_activity_at DESC);
CREATE INDEX idx_sessions_created_at ON public.sessions (created_at);
CREATE INDEX idx_sessions_last_activity ON public.sessions (tenant_id, last_activity_at DESC, id DESC);
CREATE INDEX idx_sessions_expires_at ON public.sessions (expires_at);

CREATE TRIGGER trigger_update_sessions_timestamp
    BEFORE UPDATE ON public.sessions
    FOR EACH ROW EXECUTE FUNCTION copilot_internal.touch_updated_at();

ALTER TABLE public.sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY "Allow service role full access" ON public.sessions
    FOR ALL TO service_role USING (true) WITH CHECK (true);
CREATE POLICY "Allow authenticated users to read own sessions" ON public.sessions
    FOR SELECT TO authenticated
    USING (tenant_id = (SELECT public.current_tenant_id()) AND user_id = (SELECT public.current_user_id()));
CREATE POLICY "Allow analytics reader to read every tenant's sessions" ON public.sessions
    FOR SELECT TO analytics_reader USING (true);
REVOKE ALL ON public.sessions FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON public.sessions TO service_role;
GRANT SELECT ON public.sessions TO authenticated, analytics_reader;
