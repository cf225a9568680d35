-- The one rule for a quota's state, shared by metrics.quota_status and the recording functions'
-- answers: EXCEEDED at or over the limit, WARNING at or over the warning threshold, else OK.
-- Plain SQL without SET, so it is inlined where it is called.

CREATE FUNCTION public.quota_state(p_spend numeric, p_limit numeric, p_warning_threshold numeric)
    RETURNS text
    LANGUAGE sql
    IMMUTABLE
    PARALLEL SAFE
AS $$
    SELECT CASE
               WHEN p_spend >= p_limit THEN 'EXCEEDED'
               WHEN p_spend >= p_limit * p_warning_threshold THEN 'WARNING'
               ELSE 'OK'
           END
$$;

REVOKE ALL ON FUNCTION public.quota_state(numeric, numeric, numeric) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.quota_state(numeric, numeric, numeric)
    TO authenticated, service_role, analytics_reader;
