-- The service keeps the event log in bounds on a schedule (events.EventLogMaintenance): it creates
-- the coming months' partitions, drops those past the retention and refreshes the summaries. It
-- does so as event_maintainer, a NOLOGIN role granted to the runtime login that may EXECUTE those
-- three owner-rights functions and nothing else: no table privilege, no read. Roles are
-- cluster-wide: created only where missing, attributes re-asserted.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'event_maintainer') THEN
        CREATE ROLE event_maintainer NOLOGIN;
    END IF;
END
$$;

ALTER ROLE event_maintainer NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
GRANT event_maintainer TO copilot_metrics_app;
GRANT USAGE ON SCHEMA unified TO event_maintainer;
GRANT EXECUTE ON FUNCTION unified.create_monthly_partition(date), unified.cleanup_old_partitions(interval),
    unified.refresh_materialized_views(text[]) TO event_maintainer;
-- Like the other roles of the runtime login (V22).
ALTER ROLE event_maintainer SET jit = off;
