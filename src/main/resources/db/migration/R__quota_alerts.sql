-- Live quota alerts (quotas.QuotaAlertListener): the database tells the service's listeners
-- which quota changed, on channel copilot_quota_alerts, and the service re-reads it as each
-- subscriber, so row-level security decides who learns anything. A payload carries ids only
-- (every session that LISTENs reads every payload):
--
--   crossed:<quota id>[:<tenant id>]   a quota's state (public.quota_state) changed: spend,
--                                      limit or threshold moved it between OK, WARNING, EXCEEDED
--   opened:<quota id>[:<tenant id>]    a quota was created (a new period's)
--   refused:<quota id>[:<tenant id>]   a reservation was refused on it (its state is unchanged)
--
-- The tenant id (absent for platform quotas) only narrows which subscribers are asked to re-read.
-- Notifications go out at commit, once per distinct payload per transaction: a batch that
-- crosses a quota announces it once; a rolled-back change announces nothing.
-- Repeatable: re-run whenever this file changes.

CREATE OR REPLACE FUNCTION copilot_private.announce_quota_change()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
BEGIN
    PERFORM pg_notify('copilot_quota_alerts',
        concat_ws(':', CASE TG_OP WHEN 'INSERT' THEN 'opened' ELSE 'crossed' END, NEW.id, NEW.tenant_id));
    RETURN NULL;
END
$$;

REVOKE ALL ON FUNCTION copilot_private.announce_quota_change() FROM PUBLIC;

-- Only a change of state is announced, not every change of spend: at thousands of records a
-- second, subscribers re-read when there is something to tell.
DROP TRIGGER IF EXISTS cost_quotas_announce_crossing ON copilot_internal.cost_quotas;
CREATE TRIGGER cost_quotas_announce_crossing
    AFTER UPDATE OF current_spend_usd, limit_usd, warning_threshold ON copilot_internal.cost_quotas
    FOR EACH ROW
    WHEN (public.quota_state(OLD.current_spend_usd, OLD.limit_usd, OLD.warning_threshold)
          IS DISTINCT FROM public.quota_state(NEW.current_spend_usd, NEW.limit_usd, NEW.warning_threshold))
    EXECUTE FUNCTION copilot_private.announce_quota_change();

DROP TRIGGER IF EXISTS cost_quotas_announce_opening ON copilot_internal.cost_quotas;
CREATE TRIGGER cost_quotas_announce_opening
    AFTER INSERT ON copilot_internal.cost_quotas
    FOR EACH ROW
    EXECUTE FUNCTION copilot_private.announce_quota_change();

-- A refused reservation rolls back, and its notification with it: the service announces the
-- refusal afterwards, in a transaction of its own, naming the quota the refusal (CM001) named.
CREATE OR REPLACE FUNCTION copilot_private.announce_refused_reservation(p_quota_id uuid)
    RETURNS void
    LANGUAGE plpgsql
    VOLATILE
    SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
BEGIN
    PERFORM pg_notify('copilot_quota_alerts', concat_ws(':', 'refused', q.id, q.tenant_id))
    FROM copilot_internal.cost_quotas q
    WHERE q.id = p_quota_id;
END
$$;

REVOKE ALL ON FUNCTION copilot_private.announce_refused_reservation(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION copilot_private.announce_refused_reservation(uuid) TO usage_writer;

CREATE OR REPLACE FUNCTION usage.announce_refused_reservation(p_quota_id uuid)
    RETURNS void
    LANGUAGE sql
    VOLATILE
AS $$
    SELECT copilot_private.announce_refused_reservation(p_quota_id)
$$;

REVOKE ALL ON FUNCTION usage.announce_refused_reservation(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION usage.announce_refused_reservation(uuid) TO usage_writer;
