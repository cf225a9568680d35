-- Where usage enters: service accounts holding the usage-writer token role record LLM calls and
-- sandbox runs through the service, which runs their writes as usage_writer, calling the write
-- API in schema usage (as metrics is the read API). The role holds no privilege on any table or
-- view: only EXECUTE on the recording functions (R__usage_recording.sql), which price in SQL and
-- enforce quotas and idempotency with their owner's rights. So a writer cannot insert a cost it
-- did not have priced, and cannot read, update or delete anything.
-- Roles are cluster-wide: created only where missing, attributes re-asserted.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'usage_writer') THEN
        CREATE ROLE usage_writer NOLOGIN;
    END IF;
END
$$;

ALTER ROLE usage_writer NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
GRANT usage_writer TO copilot_metrics_app;
CREATE SCHEMA usage;
COMMENT ON SCHEMA usage IS 'The write API: recording and reserving usage, for usage_writer only.';
REVOKE ALL ON SCHEMA usage FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA usage REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
GRANT USAGE ON SCHEMA usage, copilot_private TO usage_writer;
-- Like the other API roles (V22): generic plans of the recording functions are cheap to run, not to JIT-compile.
ALTER ROLE usage_writer SET jit = off;
