-- What an event's metadata (its CloudEvents data) must look like, checked on every insert and
-- update whoever writes (trigger_apply_metadata_validation), and before writing by the recording
-- function, which answers the same rule per item (R__event_log_functions.sql). The rules:
--   every event   a JSON object of at most 64 keys and 8 KiB as text
--   performance   duration_ms: a number >= 0 (copied into the duration_ms column)
--   error         error_code: a string of 1 to 128 characters
--   usage         quantity: a number >= 0
--   audit         action: a string of 1 to 128 characters
--   system        nothing more
-- Violations raise 22023 (invalid_parameter_value), answered as BAD_USER_INPUT.

-- The rules every event's metadata follows, whatever its category.
CREATE FUNCTION unified.validate_metadata(p_metadata jsonb)
    RETURNS boolean
    LANGUAGE sql
    IMMUTABLE
    PARALLEL SAFE
AS $$
    SELECT p_metadata IS NOT NULL
           AND jsonb_typeof(p_metadata) = 'object'
           AND octet_length(p_metadata::text) <= 8192
           AND (SELECT count(*) FROM jsonb_object_keys(p_metadata)) <= 64
$$;

COMMENT ON FUNCTION unified.validate_metadata(jsonb) IS
    'Whether metadata is a JSON object of at most 64 keys and 8 KiB; the per-category keys are metadata_violation''s.';

-- Whether a JSON value is a number >= 0. A CASE, because AND does not fix the order in which
-- PostgreSQL evaluates its operands: the cast must never meet a string.
CREATE FUNCTION unified.is_nonnegative_number(p_value jsonb)
    RETURNS boolean
    LANGUAGE sql
    IMMUTABLE
    PARALLEL SAFE
AS $$
    SELECT CASE WHEN jsonb_typeof(p_value) = 'number' THEN (p_value #>> '{}')::numeric >= 0 ELSE false END
$$;

-- The first rule p_metadata breaks for an event of p_category, or NULL when it breaks none.
CREATE FUNCTION unified.metadata_violation(p_category text, p_metadata jsonb)
    RETURNS text
    LANGUAGE sql
    IMMUTABLE
    PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN NOT unified.validate_metadata(p_metadata)
            THEN 'metadata must be a JSON object of at most 64 keys and 8192 bytes'
        WHEN p_category = 'performance' AND NOT unified.is_nonnegative_number(p_metadata -> 'duration_ms')
            THEN 'a performance event needs metadata.duration_ms, a number >= 0'
        WHEN p_category = 'error' AND NOT coalesce(jsonb_typeof(p_metadata -> 'error_code') = 'string'
                                           AND length(p_metadata ->> 'error_code') BETWEEN 1 AND 128, false)
            THEN 'an error event needs metadata.error_code, a string of 1 to 128 characters'
        WHEN p_category = 'usage' AND NOT unified.is_nonnegative_number(p_metadata -> 'quantity')
            THEN 'a usage event needs metadata.quantity, a number >= 0'
        WHEN p_category = 'audit' AND NOT coalesce(jsonb_typeof(p_metadata -> 'action') = 'string'
                                           AND length(p_metadata ->> 'action') BETWEEN 1 AND 128, false)
            THEN 'an audit event needs metadata.action, a string of 1 to 128 characters'
    END
$$;

CREATE FUNCTION unified.apply_metadata_validation()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
DECLARE
    violation text := unified.metadata_violation(NEW.category, NEW.metadata);
BEGIN
    IF violation IS NOT NULL THEN
        RAISE EXCEPTION '%', violation USING ERRCODE = '22023';
    END IF;
    NEW.duration_ms := CASE WHEN NEW.category = 'performance' THEN (NEW.metadata ->> 'duration_ms')::numeric END;
    RETURN NEW;
END
$$;

CREATE TRIGGER trigger_apply_metadata_validation
    BEFORE INSERT OR UPDATE OF category, metadata ON unified.event_metric_events
    FOR EACH ROW EXECUTE FUNCTION unified.apply_metadata_validation();

REVOKE ALL ON FUNCTION unified.validate_metadata(jsonb), unified.is_nonnegative_number(jsonb),
    unified.metadata_violation(text, jsonb),
    unified.apply_metadata_validation(), unified.create_monthly_partition(date) FROM PUBLIC;
-- A service_role writing directly fires the trigger, which checks with the writer's rights.
GRANT EXECUTE ON FUNCTION unified.validate_metadata(jsonb), unified.is_nonnegative_number(jsonb),
    unified.metadata_violation(text, jsonb) TO service_role;
