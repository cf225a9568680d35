-- Where usage enters. Service accounts reach these functions through the service as
-- usage_writer, which may EXECUTE the entry points below and nothing else (V24). Every amount is
-- priced here, in numeric, from the effective-dated price rows; clients never send money.
--
--   reserve_llm_usage / reserve_sandbox_run   before a call: price the estimate, write it, and
--                                             hold its cost on every applicable quota, or refuse
--                                             (CM001) and hold nothing
--   record_usage(items)                       after calls: per item, price the actual usage at
--                                             its occurred_at, write the cost record, link the
--                                             estimate, release its reservation and add the
--                                             spend; idempotent by (tenant, idempotency key);
--                                             one failing item never rejects the others
--   release_expired_reservations, prune_usage_receipts   the service's maintenance job
--
-- The entry points run with their owner's rights (the tables' row-level security is not theirs
-- to pass: usage_writer has no table privilege at all); each names its tenant explicitly and
-- touches that tenant's rows only. Helpers without SECURITY DEFINER run with the same rights
-- when called from them and are executable by nobody else.
--
-- Locks, always in this order, so concurrent writers cannot deadlock: idempotency key and
-- estimate (record only), then quota rows in id order, then reservation rows.
--
-- Project SQLSTATEs (api.DatabaseErrors): CM001 a quota would be exceeded, CM002 the tenant may
-- not record usage, CM003 an idempotency key already holds other usage.
-- Repeatable: re-run whenever this file changes.

DROP FUNCTION IF EXISTS copilot_private.record_usage(jsonb);
DROP FUNCTION IF EXISTS copilot_private.reserve_usage(jsonb, interval);
DROP FUNCTION IF EXISTS copilot_private.record_llm_usage(uuid, text, uuid, uuid, text, text, text, bigint, bigint,
    bigint, bigint, bigint, timestamptz, uuid, text, text, jsonb);
DROP FUNCTION IF EXISTS copilot_private.record_sandbox_run(uuid, text, uuid, uuid, text, text, text, text, numeric,
    numeric, numeric, numeric, timestamptz, timestamptz, uuid, text, jsonb);
DROP FUNCTION IF EXISTS copilot_private.usage_receipt(uuid, text, boolean);
DROP FUNCTION IF EXISTS copilot_private.reserve_llm_usage(uuid, uuid, uuid, text, text, text, bigint, bigint, bigint,
    bigint, bigint, interval);
DROP FUNCTION IF EXISTS copilot_private.reserve_sandbox_run(uuid, uuid, uuid, text, text, numeric, interval);
DROP FUNCTION IF EXISTS copilot_private.hold_quotas(uuid, uuid, text, numeric, interval, uuid, uuid);

-- Checks -------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION copilot_private.require_recording_tenant(p_tenant_id uuid)
    RETURNS void
    LANGUAGE plpgsql
    STABLE
    SET search_path = pg_catalog
AS $$
DECLARE
    tenant_status text;
BEGIN
    SELECT t.status INTO tenant_status FROM copilot_internal.tenants t WHERE t.id = p_tenant_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'tenant % does not exist', p_tenant_id USING ERRCODE = 'P0002';
    END IF;
    IF tenant_status <> 'active' THEN
        RAISE EXCEPTION 'tenant % is %, not active: it may not record usage', p_tenant_id, tenant_status
            USING ERRCODE = 'CM002';
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION copilot_private.model_price(p_provider text, p_model text, p_at timestamptz)
    RETURNS copilot_internal.model_pricing
    LANGUAGE plpgsql
    STABLE
    SET search_path = pg_catalog
AS $$
DECLARE
    price copilot_internal.model_pricing;
BEGIN
    SELECT * INTO price FROM copilot_internal.get_current_model_pricing(p_provider, p_model, p_at);
    IF price.id IS NULL THEN
        RAISE EXCEPTION 'no price for model %/% at %', p_provider, p_model, p_at USING ERRCODE = '22023';
    END IF;
    RETURN price;
END
$$;

-- The price row calculate_e2b_cost uses: the tier's, in the region if it has one there.
CREATE OR REPLACE FUNCTION copilot_private.sandbox_price(p_tier text, p_region text, p_at timestamptz)
    RETURNS copilot_internal.e2b_pricing
    LANGUAGE plpgsql
    STABLE
    SET search_path = pg_catalog
AS $$
DECLARE
    price copilot_internal.e2b_pricing;
BEGIN
    SELECT ep.* INTO price
    FROM copilot_internal.e2b_pricing ep
    WHERE ep.tier = lower(p_tier) AND ep.effective_date <= p_at
    ORDER BY ep.region = p_region DESC, ep.effective_date DESC
    LIMIT 1;
    IF price.id IS NULL THEN
        RAISE EXCEPTION 'no price for sandbox tier % at %', p_tier, p_at USING ERRCODE = '22023';
    END IF;
    RETURN price;
END
$$;

-- Quotas -------------------------------------------------------------------------------

-- Locks, in id order, the quotas that apply to usage of p_resource_type by the user in the
-- tenant at p_at (the tenant's, the user's, the platform's; of the resource or 'all') and the
-- quotas in p_also; answers the applicable ones.
CREATE OR REPLACE FUNCTION copilot_private.lock_quotas(
    p_tenant_id uuid,
    p_user_id uuid,
    p_resource_type text,
    p_at timestamptz,
    p_also uuid[] DEFAULT '{}')
    RETURNS uuid[]
    LANGUAGE sql
    VOLATILE
    SET search_path = pg_catalog
AS $$
    SELECT coalesce(array_agg(locked.id ORDER BY locked.id) FILTER (WHERE locked.applies), '{}')
    FROM (SELECT q.id,
                 q.resource_type IN (p_resource_type, 'all')
                     AND p_at >= q.period_start AND p_at < q.period_end
                     AND ((q.scope = 'tenant' AND q.scope_id = p_tenant_id)
                          OR (q.scope = 'user' AND q.tenant_id = p_tenant_id AND q.scope_id = p_user_id)
                          OR q.scope = 'platform') AS applies
          FROM copilot_internal.cost_quotas q
          WHERE (q.resource_type IN (p_resource_type, 'all')
                 AND p_at >= q.period_start AND p_at < q.period_end
                 AND ((q.scope = 'tenant' AND q.scope_id = p_tenant_id)
                      OR (q.scope = 'user' AND q.tenant_id = p_tenant_id AND q.scope_id = p_user_id)
                      OR q.scope = 'platform'))
             OR q.id = ANY (p_also)
          ORDER BY q.id
          FOR UPDATE) AS locked
$$;

-- The worst state among the quotas (OK when there are none).
CREATE OR REPLACE FUNCTION copilot_private.worst_quota_state(p_quota_ids uuid[])
    RETURNS text
    LANGUAGE sql
    STABLE
    SET search_path = pg_catalog
AS $$
    SELECT (ARRAY['OK', 'WARNING', 'EXCEEDED'])[coalesce(max(array_position(ARRAY['OK', 'WARNING', 'EXCEEDED'],
               public.quota_state(q.current_spend_usd, q.limit_usd, q.warning_threshold))), 1)]
    FROM copilot_internal.cost_quotas q
    WHERE q.id = ANY (p_quota_ids)
$$;

-- Releases the reservations that are not released yet; the caller holds their quotas' locks.
CREATE OR REPLACE FUNCTION copilot_private.release_reservations(p_reservation_ids uuid[], p_reason text)
    RETURNS integer
    LANGUAGE sql
    VOLATILE
    SET search_path = pg_catalog
AS $$
    WITH released AS (
        UPDATE copilot_internal.quota_reservations r
        SET released_at = now(), release_reason = p_reason
        WHERE r.id = ANY (p_reservation_ids) AND r.released_at IS NULL
        RETURNING r.amount_usd, r.quota_ids),
    per_quota AS (
        SELECT held.quota_id, sum(released.amount_usd) AS amount
        FROM released CROSS JOIN LATERAL unnest(released.quota_ids) AS held (quota_id)
        GROUP BY held.quota_id),
    unheld AS (
        UPDATE copilot_internal.cost_quotas q
        SET reserved_usd = q.reserved_usd - per_quota.amount
        FROM per_quota
        WHERE q.id = per_quota.quota_id
        RETURNING q.id)
    SELECT count(*)::integer FROM released
$$;

-- Holds p_amount on every quota that applies now, or raises CM001 (holding nothing) when one of
-- them has not that much left. Expired reservations of the same quotas are released first.
CREATE FUNCTION copilot_private.hold_quotas(
    p_tenant_id uuid,
    p_user_id uuid,
    p_resource_type text,
    p_amount numeric,
    p_ttl interval,
    p_llm_estimate_id uuid,
    p_e2b_estimate_id uuid)
    RETURNS TABLE (reservation_id uuid, quota_status text, expires_at timestamptz)
    LANGUAGE plpgsql
    VOLATILE
    SET search_path = pg_catalog
AS $$
DECLARE
    held uuid[] := copilot_private.lock_quotas(p_tenant_id, p_user_id, p_resource_type, now());
    blocked copilot_internal.cost_quotas;
    reservation uuid;
    expiry timestamptz := now() + p_ttl;
BEGIN
    PERFORM copilot_private.release_reservations(ARRAY(
        SELECT r.id FROM copilot_internal.quota_reservations r
        WHERE r.tenant_id = p_tenant_id AND r.released_at IS NULL AND r.expires_at <= now() AND r.quota_ids <@ held),
        'expired');

    SELECT q.* INTO blocked
    FROM copilot_internal.cost_quotas q
    WHERE q.id = ANY (held) AND q.current_spend_usd + q.reserved_usd + p_amount > q.limit_usd
    ORDER BY q.id
    LIMIT 1;
    IF blocked.id IS NOT NULL THEN
        RAISE EXCEPTION 'the % % quota would be exceeded: limit %, spent %, reserved %, remaining %, requested %',
            blocked.scope, blocked.resource_type, trim_scale(blocked.limit_usd), trim_scale(blocked.current_spend_usd),
            trim_scale(blocked.reserved_usd),
            trim_scale(greatest(blocked.limit_usd - blocked.current_spend_usd - blocked.reserved_usd, 0)),
            trim_scale(p_amount)
            USING ERRCODE = 'CM001',
                  DETAIL = json_build_object(
                      'quotaId', blocked.id, 'scope', blocked.scope, 'resourceType', blocked.resource_type,
                      'period', blocked.period, 'limitUsd', blocked.limit_usd::text,
                      'spentUsd', blocked.current_spend_usd::text, 'reservedUsd', blocked.reserved_usd::text,
                      'remainingUsd',
                      greatest(blocked.limit_usd - blocked.current_spend_usd - blocked.reserved_usd, 0)::text,
                      'requestedUsd', p_amount::text)::text;
    END IF;

    UPDATE copilot_internal.cost_quotas q SET reserved_usd = q.reserved_usd + p_amount WHERE q.id = ANY (held);
    INSERT INTO copilot_internal.quota_reservations
        (tenant_id, resource_type, llm_estimate_id, e2b_estimate_id, amount_usd, quota_ids, expires_at)
    VALUES (p_tenant_id, p_resource_type, p_llm_estimate_id, p_e2b_estimate_id, p_amount, held, expiry)
    RETURNING id INTO reservation;
    RETURN QUERY SELECT reservation, copilot_private.worst_quota_state(held), expiry;
END
$$;

-- Reservations -------------------------------------------------------------------------

CREATE FUNCTION copilot_private.reserve_llm_usage(
    p_tenant_id uuid,
    p_user_id uuid,
    p_conversation_id uuid,
    p_task_type text,
    p_provider text,
    p_model text,
    p_input_tokens bigint,
    p_output_tokens bigint,
    p_cached_input_tokens bigint,
    p_cache_write_tokens bigint,
    p_reasoning_tokens bigint,
    p_ttl interval)
    RETURNS TABLE (estimate_id uuid, estimated_cost_usd numeric, pricing_id uuid, quota_status text,
                   reserved_until timestamptz)
    LANGUAGE plpgsql
    VOLATILE
    SET search_path = pg_catalog
AS $$
DECLARE
    price copilot_internal.model_pricing;
    cost numeric;
    estimate uuid;
    held record;
BEGIN
    PERFORM copilot_private.require_recording_tenant(p_tenant_id);
    price := copilot_private.model_price(p_provider, p_model, now());
    SELECT round(c.total_cost_usd, 10) INTO cost
    FROM copilot_internal.calculate_llm_cost(p_provider, p_model, p_input_tokens, p_output_tokens,
                                             p_cached_input_tokens, p_cache_write_tokens, p_reasoning_tokens, now()) c;
    INSERT INTO copilot_internal.llm_cost_estimates
        (tenant_id, user_id, conversation_id, task_type, provider, model, estimated_input_tokens,
         estimated_output_tokens, estimated_cost_usd, pricing_id)
    VALUES (p_tenant_id, p_user_id, p_conversation_id, coalesce(p_task_type, 'chat'), lower(p_provider), p_model,
            p_input_tokens, p_output_tokens, cost, price.id)
    RETURNING id INTO estimate;
    SELECT * INTO held FROM copilot_private.hold_quotas(p_tenant_id, p_user_id, 'llm', cost, p_ttl, estimate, NULL);
    RETURN QUERY SELECT estimate, cost, price.id, held.quota_status, held.expires_at;
END
$$;

CREATE FUNCTION copilot_private.reserve_sandbox_run(
    p_tenant_id uuid,
    p_user_id uuid,
    p_conversation_id uuid,
    p_tier text,
    p_region text,
    p_execution_seconds numeric,
    p_ttl interval)
    RETURNS TABLE (estimate_id uuid, estimated_cost_usd numeric, pricing_id uuid, quota_status text,
                   reserved_until timestamptz)
    LANGUAGE plpgsql
    VOLATILE
    SET search_path = pg_catalog
AS $$
DECLARE
    price copilot_internal.e2b_pricing;
    cost numeric;
    estimate uuid;
    held record;
BEGIN
    PERFORM copilot_private.require_recording_tenant(p_tenant_id);
    price := copilot_private.sandbox_price(p_tier, p_region, now());
    SELECT round(c.total_cost_usd, 10) INTO cost
    FROM copilot_internal.calculate_e2b_cost(p_tier, p_region, p_execution_seconds, NULL, NULL, NULL, now()) c;
    INSERT INTO copilot_internal.e2b_cost_estimates
        (tenant_id, user_id, conversation_id, tier, region, estimated_execution_seconds, estimated_cost_usd,
         pricing_id)
    VALUES (p_tenant_id, p_user_id, p_conversation_id, lower(p_tier), p_region, p_execution_seconds, cost, price.id)
    RETURNING id INTO estimate;
    SELECT * INTO held FROM copilot_private.hold_quotas(p_tenant_id, p_user_id, 'e2b', cost, p_ttl, NULL, estimate);
    RETURN QUERY SELECT estimate, cost, price.id, held.quota_status, held.expires_at;
END
$$;

-- The entry point for reservations: one JSON item, {"kind": "llm" | "e2b", ...the reserve
-- function's arguments in camelCase}, held for p_ttl unless recorded before.
CREATE FUNCTION copilot_private.reserve_usage(p_item jsonb, p_ttl interval)
    RETURNS TABLE (estimate_id uuid, estimated_cost_usd numeric, pricing_id uuid, quota_status text,
                   reserved_until timestamptz)
    LANGUAGE plpgsql
    VOLATILE
    SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
BEGIN
    IF p_item ->> 'kind' = 'llm' THEN
        RETURN QUERY SELECT * FROM copilot_private.reserve_llm_usage(
            (p_item ->> 'tenantId')::uuid, (p_item ->> 'userId')::uuid, (p_item ->> 'conversationId')::uuid,
            p_item ->> 'taskType', p_item ->> 'provider', p_item ->> 'model', (p_item ->> 'inputTokens')::bigint,
            (p_item ->> 'outputTokens')::bigint, coalesce((p_item ->> 'cachedInputTokens')::bigint, 0),
            coalesce((p_item ->> 'cacheWriteTokens')::bigint, 0), coalesce((p_item ->> 'reasoningTokens')::bigint, 0),
            p_ttl);
    ELSIF p_item ->> 'kind' = 'e2b' THEN
        RETURN QUERY SELECT * FROM copilot_private.reserve_sandbox_run(
            (p_item ->> 'tenantId')::uuid, (p_item ->> 'userId')::uuid, (p_item ->> 'conversationId')::uuid,
            p_item ->> 'tier', p_item ->> 'region', (p_item ->> 'executionSeconds')::numeric, p_ttl);
    ELSE
        RAISE EXCEPTION 'a reservation is either llm or e2b usage' USING ERRCODE = '22023';
    END IF;
END
$$;

-- Records ------------------------------------------------------------------------------

-- Claims the idempotency key for new usage and answers the id its record is to get; NULL when
-- the key already holds this same usage (a replay); CM003 when it holds other usage. A copy
-- racing an uncommitted first one waits here for it, then replays (or claims, if it rolled back).
CREATE OR REPLACE FUNCTION copilot_private.claim_idempotency_key(
    p_tenant_id uuid,
    p_idempotency_key text,
    p_resource_type text,
    p_content_hash bytea,
    p_occurred_at timestamptz)
    RETURNS uuid
    LANGUAGE plpgsql
    VOLATILE
    SET search_path = pg_catalog
AS $$
DECLARE
    claimed uuid;
    existing copilot_internal.usage_receipts;
BEGIN
    INSERT INTO copilot_internal.usage_receipts
        (tenant_id, idempotency_key, resource_type, record_id, content_hash, occurred_at)
    VALUES (p_tenant_id, p_idempotency_key, p_resource_type, gen_random_uuid(), p_content_hash, p_occurred_at)
    ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
    RETURNING record_id INTO claimed;
    IF claimed IS NOT NULL THEN
        RETURN claimed;
    END IF;
    SELECT * INTO existing FROM copilot_internal.usage_receipts k
    WHERE k.tenant_id = p_tenant_id AND k.idempotency_key = p_idempotency_key;
    IF existing.resource_type <> p_resource_type OR existing.content_hash <> p_content_hash THEN
        RAISE EXCEPTION 'idempotency key "%" already holds other usage', left(p_idempotency_key, 40)
            USING ERRCODE = 'CM003';
    END IF;
    RETURN NULL;
END
$$;

-- After a record: links the estimate, releases its reservation, adds the spend to the quotas
-- in force at p_occurred_at (whatever their limit: the money is spent) and keeps their state
-- in the receipt.
CREATE OR REPLACE FUNCTION copilot_private.settle_usage(
    p_tenant_id uuid,
    p_idempotency_key text,
    p_user_id uuid,
    p_resource_type text,
    p_amount numeric,
    p_occurred_at timestamptz,
    p_estimate_id uuid,
    p_record_id uuid)
    RETURNS void
    LANGUAGE plpgsql
    VOLATILE
    SET search_path = pg_catalog
AS $$
DECLARE
    reservation copilot_internal.quota_reservations;
    applicable uuid[];
BEGIN
    IF p_estimate_id IS NOT NULL THEN
        IF p_resource_type = 'llm' THEN
            UPDATE copilot_internal.llm_cost_estimates e SET llm_cost_record_id = p_record_id
            WHERE e.id = p_estimate_id AND e.tenant_id = p_tenant_id AND e.llm_cost_record_id IS NULL;
        ELSE
            UPDATE copilot_internal.e2b_cost_estimates e SET e2b_cost_record_id = p_record_id
            WHERE e.id = p_estimate_id AND e.tenant_id = p_tenant_id AND e.e2b_cost_record_id IS NULL;
        END IF;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no open % estimate % in tenant %', p_resource_type, p_estimate_id, p_tenant_id
                USING ERRCODE = 'P0002', HINT = 'an estimate is settled by one record only';
        END IF;
        SELECT r.* INTO reservation FROM copilot_internal.quota_reservations r
        WHERE r.llm_estimate_id = p_estimate_id OR r.e2b_estimate_id = p_estimate_id;
    END IF;

    applicable := copilot_private.lock_quotas(p_tenant_id, p_user_id, p_resource_type, p_occurred_at,
                                              coalesce(reservation.quota_ids, '{}'));
    IF reservation.id IS NOT NULL THEN
        PERFORM copilot_private.release_reservations(ARRAY[reservation.id], 'recorded');
    END IF;
    UPDATE copilot_internal.cost_quotas q SET current_spend_usd = q.current_spend_usd + p_amount
    WHERE q.id = ANY (applicable);
    UPDATE copilot_internal.usage_receipts k SET quota_status = copilot_private.worst_quota_state(applicable)
    WHERE k.tenant_id = p_tenant_id AND k.idempotency_key = p_idempotency_key;
END
$$;

-- The receipt of the usage recorded under a key: the same for the first answer and every replay.
CREATE FUNCTION copilot_private.usage_receipt(p_tenant_id uuid, p_idempotency_key text, p_replayed boolean)
    RETURNS TABLE (record_id uuid, resource_type text, tenant_id uuid, idempotency_key text,
                   occurred_at timestamptz, pricing_id uuid, input_cost_usd numeric, cached_input_cost_usd numeric,
                   cache_write_cost_usd numeric, output_cost_usd numeric, reasoning_cost_usd numeric,
                   execution_cost_usd numeric, resource_cost_usd numeric, total_cost_usd numeric,
                   price_estimated boolean, quota_status text, replayed boolean)
    LANGUAGE sql
    STABLE
    SET search_path = pg_catalog
AS $$
    SELECT k.record_id, k.resource_type, k.tenant_id, k.idempotency_key, k.occurred_at,
           coalesce(l.pricing_id, e.pricing_id),
           l.input_cost_usd,
           -- the parts of input and output cost at the special prices (they fall back to the plain ones)
           round(l.cached_input_tokens * coalesce(mp.cached_input_price_per_million, mp.input_price_per_million)
                 / 1000000, 10),
           round(l.cache_write_tokens * coalesce(mp.cache_write_price_per_million, mp.input_price_per_million)
                 / 1000000, 10),
           l.output_cost_usd,
           round(l.reasoning_tokens * coalesce(mp.reasoning_price_per_million, mp.output_price_per_million)
                 / 1000000, 10),
           e.execution_cost_usd,
           e.resource_cost_usd,
           coalesce(l.total_cost_usd, e.total_cost_usd),
           coalesce(e.is_estimated, false),
           k.quota_status,
           p_replayed
    FROM copilot_internal.usage_receipts k
    LEFT JOIN copilot_internal.llm_cost_records l ON k.resource_type = 'llm' AND l.id = k.record_id
    LEFT JOIN copilot_internal.model_pricing mp ON mp.id = l.pricing_id
    LEFT JOIN copilot_internal.e2b_cost_records e ON k.resource_type = 'e2b' AND e.id = k.record_id
    WHERE k.tenant_id = p_tenant_id AND k.idempotency_key = p_idempotency_key
$$;

CREATE FUNCTION copilot_private.record_llm_usage(
    p_tenant_id uuid,
    p_idempotency_key text,
    p_user_id uuid,
    p_conversation_id uuid,
    p_task_type text,
    p_provider text,
    p_model text,
    p_input_tokens bigint,
    p_output_tokens bigint,
    p_cached_input_tokens bigint,
    p_cache_write_tokens bigint,
    p_reasoning_tokens bigint,
    p_occurred_at timestamptz,
    p_estimate_id uuid,
    p_request_id text,
    p_trace_id text,
    p_metadata jsonb)
    RETURNS boolean
    LANGUAGE plpgsql
    VOLATILE
    SET search_path = pg_catalog
AS $$
DECLARE
    content bytea := sha256(convert_to(jsonb_build_array(p_user_id, p_conversation_id, p_task_type,
        lower(p_provider), p_model, p_input_tokens, p_output_tokens, p_cached_input_tokens, p_cache_write_tokens,
        p_reasoning_tokens, extract(epoch FROM p_occurred_at), p_estimate_id, p_request_id, p_trace_id,
        p_metadata)::text, 'UTF8'));
    record_id uuid;
    price copilot_internal.model_pricing;
    cost record;
BEGIN
    PERFORM copilot_private.require_recording_tenant(p_tenant_id);
    record_id := copilot_private.claim_idempotency_key(p_tenant_id, p_idempotency_key, 'llm', content,
                                                       p_occurred_at);
    IF record_id IS NOT NULL THEN
        price := copilot_private.model_price(p_provider, p_model, p_occurred_at);
        SELECT round(c.input_cost_usd, 10) AS input, round(c.output_cost_usd, 10) AS output INTO cost
        FROM copilot_internal.calculate_llm_cost(p_provider, p_model, p_input_tokens, p_output_tokens,
            p_cached_input_tokens, p_cache_write_tokens, p_reasoning_tokens, p_occurred_at) c;
        INSERT INTO copilot_internal.llm_cost_records
            (id, tenant_id, user_id, conversation_id, task_type, provider, model, input_tokens, output_tokens,
             cached_input_tokens, cache_write_tokens, reasoning_tokens, input_cost_usd, output_cost_usd,
             total_cost_usd, pricing_id, request_id, trace_id, metadata, occurred_at)
        VALUES (record_id, p_tenant_id, p_user_id, p_conversation_id, coalesce(p_task_type, 'chat'),
                lower(p_provider), p_model, p_input_tokens, p_output_tokens, p_cached_input_tokens,
                p_cache_write_tokens, p_reasoning_tokens, cost.input, cost.output, cost.input + cost.output,
                price.id, p_request_id, p_trace_id, coalesce(p_metadata, '{}'), p_occurred_at);
        PERFORM copilot_private.settle_usage(p_tenant_id, p_idempotency_key, p_user_id, 'llm',
                                             cost.input + cost.output, p_occurred_at, p_estimate_id, record_id);
    END IF;
    RETURN record_id IS NULL;
END
$$;

CREATE FUNCTION copilot_private.record_sandbox_run(
    p_tenant_id uuid,
    p_idempotency_key text,
    p_user_id uuid,
    p_conversation_id uuid,
    p_sandbox_id text,
    p_template_id text,
    p_tier text,
    p_region text,
    p_execution_seconds numeric,
    p_cpu_core_seconds numeric,
    p_memory_gb_seconds numeric,
    p_disk_io_gb numeric,
    p_started_at timestamptz,
    p_occurred_at timestamptz,
    p_estimate_id uuid,
    p_trace_id text,
    p_metadata jsonb)
    RETURNS boolean
    LANGUAGE plpgsql
    VOLATILE
    SET search_path = pg_catalog
AS $$
DECLARE
    content bytea := sha256(convert_to(jsonb_build_array(p_user_id, p_conversation_id, p_sandbox_id,
        p_template_id, lower(p_tier), p_region, p_execution_seconds, p_cpu_core_seconds, p_memory_gb_seconds,
        p_disk_io_gb, extract(epoch FROM p_started_at), extract(epoch FROM p_occurred_at), p_estimate_id,
        p_trace_id, p_metadata)::text, 'UTF8'));
    record_id uuid;
    price copilot_internal.e2b_pricing;
    cost record;
BEGIN
    PERFORM copilot_private.require_recording_tenant(p_tenant_id);
    record_id := copilot_private.claim_idempotency_key(p_tenant_id, p_idempotency_key, 'e2b', content,
                                                       p_occurred_at);
    IF record_id IS NOT NULL THEN
        price := copilot_private.sandbox_price(p_tier, p_region, p_occurred_at);
        SELECT round(c.execution_cost_usd, 10) AS execution, round(c.resource_cost_usd, 10) AS resource,
               c.is_estimated
        INTO cost
        FROM copilot_internal.calculate_e2b_cost(p_tier, p_region, p_execution_seconds, p_cpu_core_seconds,
                                                 p_memory_gb_seconds, p_disk_io_gb, p_occurred_at) c;
        INSERT INTO copilot_internal.e2b_cost_records
            (id, tenant_id, user_id, conversation_id, sandbox_id, template_id, tier, region,
             execution_time_seconds, cpu_core_seconds, memory_gb_seconds, disk_io_gb, execution_cost_usd,
             resource_cost_usd, total_cost_usd, is_estimated, pricing_id, trace_id, metadata, started_at,
             occurred_at)
        VALUES (record_id, p_tenant_id, p_user_id, p_conversation_id, p_sandbox_id, p_template_id, lower(p_tier),
                p_region, p_execution_seconds, p_cpu_core_seconds, p_memory_gb_seconds, p_disk_io_gb,
                cost.execution, cost.resource, cost.execution + cost.resource, cost.is_estimated, price.id,
                p_trace_id, coalesce(p_metadata, '{}'), p_started_at, p_occurred_at);
        PERFORM copilot_private.settle_usage(p_tenant_id, p_idempotency_key, p_user_id, 'e2b',
                                             cost.execution + cost.resource, p_occurred_at, p_estimate_id,
                                             record_id);
    END IF;
    RETURN record_id IS NULL;
END
$$;

-- The entry point for recorded usage, one item or a batch: a JSON array of items, each
-- {"kind": "llm" | "e2b", ...the record function's arguments in camelCase}. Each item runs in a
-- subtransaction of its own: a failing one is answered with its SQLSTATE and message and leaves
-- nothing behind, the others are recorded. Answers one row per item, in order: the receipt, or
-- the error.
CREATE FUNCTION copilot_private.record_usage(p_items jsonb)
    RETURNS TABLE (item_index integer, error_sqlstate text, error_message text, record_id uuid,
                   resource_type text, tenant_id uuid, idempotency_key text, occurred_at timestamptz,
                   pricing_id uuid, input_cost_usd numeric, cached_input_cost_usd numeric,
                   cache_write_cost_usd numeric, output_cost_usd numeric, reasoning_cost_usd numeric,
                   execution_cost_usd numeric, resource_cost_usd numeric, total_cost_usd numeric,
                   price_estimated boolean, quota_status text, replayed boolean)
    LANGUAGE plpgsql
    VOLATILE
    SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
DECLARE
    item jsonb;
    item_number integer := 0;
    item_tenant uuid;
    was_replay boolean;
    failure_state text;
    failure_message text;
BEGIN
    FOR item IN SELECT value FROM jsonb_array_elements(p_items) LOOP
        BEGIN
            item_tenant := (item ->> 'tenantId')::uuid;
            IF item ->> 'kind' = 'llm' THEN
                was_replay := copilot_private.record_llm_usage(
                    item_tenant, item ->> 'idempotencyKey', (item ->> 'userId')::uuid,
                    (item ->> 'conversationId')::uuid, item ->> 'taskType', item ->> 'provider', item ->> 'model',
                    (item ->> 'inputTokens')::bigint, (item ->> 'outputTokens')::bigint,
                    coalesce((item ->> 'cachedInputTokens')::bigint, 0),
                    coalesce((item ->> 'cacheWriteTokens')::bigint, 0),
                    coalesce((item ->> 'reasoningTokens')::bigint, 0),
                    (item ->> 'occurredAt')::timestamptz, (item ->> 'estimateId')::uuid, item ->> 'requestId',
                    item ->> 'traceId', item -> 'metadata');
            ELSIF item ->> 'kind' = 'e2b' THEN
                was_replay := copilot_private.record_sandbox_run(
                    item_tenant, item ->> 'idempotencyKey', (item ->> 'userId')::uuid,
                    (item ->> 'conversationId')::uuid, item ->> 'sandboxId', item ->> 'templateId',
                    item ->> 'tier', item ->> 'region', (item ->> 'executionSeconds')::numeric,
                    (item ->> 'cpuCoreSeconds')::numeric, (item ->> 'memoryGbSeconds')::numeric,
                    (item ->> 'diskIoGb')::numeric, (item ->> 'startedAt')::timestamptz,
                    (item ->> 'occurredAt')::timestamptz, (item ->> 'estimateId')::uuid, item ->> 'traceId',
                    item -> 'metadata');
            ELSE
                RAISE EXCEPTION 'an item is either llm or e2b usage' USING ERRCODE = '22023';
            END IF;
            RETURN QUERY SELECT item_number, NULL::text, NULL::text, receipt.*
                         FROM copilot_private.usage_receipt(item_tenant, item ->> 'idempotencyKey', was_replay)
                              AS receipt;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS failure_state = RETURNED_SQLSTATE, failure_message = MESSAGE_TEXT;
            RETURN QUERY SELECT item_number, failure_state, failure_message, receipt.*
                         FROM (SELECT) AS one
                         LEFT JOIN copilot_private.usage_receipt(NULL, NULL, NULL) AS receipt ON false;
        END;
        item_number := item_number + 1;
    END LOOP;
END
$$;

-- Maintenance --------------------------------------------------------------------------

-- Releases up to p_limit reservations whose time ran out unsettled; answers how many.
CREATE OR REPLACE FUNCTION copilot_private.release_expired_reservations(p_limit integer DEFAULT 1000)
    RETURNS integer
    LANGUAGE plpgsql
    VOLATILE
    SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
DECLARE
    expired uuid[] := ARRAY(SELECT r.id FROM copilot_internal.quota_reservations r
                            WHERE r.released_at IS NULL AND r.expires_at <= now()
                            ORDER BY r.expires_at LIMIT p_limit);
BEGIN
    PERFORM 1 FROM copilot_internal.cost_quotas q
    WHERE q.id IN (SELECT unnest(r.quota_ids) FROM copilot_internal.quota_reservations r WHERE r.id = ANY (expired))
    ORDER BY q.id
    FOR UPDATE;
    RETURN copilot_private.release_reservations(expired, 'expired');
END
$$;

-- Forgets up to p_limit idempotency keys of usage that occurred before now() - p_retention
-- (usage that old is refused, so the keys can no longer be replayed); answers how many.
CREATE OR REPLACE FUNCTION copilot_private.prune_usage_receipts(p_retention interval, p_limit integer DEFAULT 10000)
    RETURNS integer
    LANGUAGE sql
    VOLATILE
    SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
    WITH pruned AS (
        DELETE FROM copilot_internal.usage_receipts k
        WHERE k.ctid = ANY (ARRAY(SELECT old.ctid FROM copilot_internal.usage_receipts old
                                  WHERE old.occurred_at < now() - p_retention LIMIT p_limit))
        RETURNING 1)
    SELECT count(*)::integer FROM pruned
$$;

DO $$
DECLARE
    helper text;
BEGIN
    FOREACH helper IN ARRAY ARRAY[
        'require_recording_tenant(uuid)', 'model_price(text, text, timestamptz)',
        'sandbox_price(text, text, timestamptz)', 'lock_quotas(uuid, uuid, text, timestamptz, uuid[])',
        'worst_quota_state(uuid[])', 'release_reservations(uuid[], text)',
        'hold_quotas(uuid, uuid, text, numeric, interval, uuid, uuid)',
        'claim_idempotency_key(uuid, text, text, bytea, timestamptz)',
        'settle_usage(uuid, text, uuid, text, numeric, timestamptz, uuid, uuid)',
        'usage_receipt(uuid, text, boolean)',
        'reserve_llm_usage(uuid, uuid, uuid, text, text, text, bigint, bigint, bigint, bigint, bigint, interval)',
        'reserve_sandbox_run(uuid, uuid, uuid, text, text, numeric, interval)',
        'record_llm_usage(uuid, text, uuid, uuid, text, text, text, bigint, bigint, bigint, bigint, bigint, '
            || 'timestamptz, uuid, text, text, jsonb)',
        'record_sandbox_run(uuid, text, uuid, uuid, text, text, text, text, numeric, numeric, numeric, numeric, '
            || 'timestamptz, timestamptz, uuid, text, jsonb)'] LOOP
        EXECUTE format('REVOKE ALL ON FUNCTION copilot_private.%s FROM PUBLIC', helper);
    END LOOP;
END
$$;

REVOKE ALL ON FUNCTION copilot_private.reserve_usage(jsonb, interval), copilot_private.record_usage(jsonb),
    copilot_private.release_expired_reservations(integer), copilot_private.prune_usage_receipts(interval, integer)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION copilot_private.reserve_usage(jsonb, interval), copilot_private.record_usage(jsonb),
    copilot_private.release_expired_reservations(integer), copilot_private.prune_usage_receipts(interval, integer)
    TO usage_writer;

-- The write API: what the service calls, in the schema usage_writer may use. Each is the
-- owner-rights function of the same purpose, called with the caller's rights.
CREATE OR REPLACE FUNCTION usage.reserve(p_item jsonb, p_ttl interval)
    RETURNS TABLE (estimate_id uuid, estimated_cost_usd numeric, pricing_id uuid, quota_status text,
                   reserved_until timestamptz)
    LANGUAGE sql
    VOLATILE
AS $$
    SELECT * FROM copilot_private.reserve_usage(p_item, p_ttl)
$$;

CREATE OR REPLACE FUNCTION usage.record(p_items jsonb)
    RETURNS TABLE (item_index integer, error_sqlstate text, error_message text, record_id uuid,
                   resource_type text, tenant_id uuid, idempotency_key text, occurred_at timestamptz,
                   pricing_id uuid, input_cost_usd numeric, cached_input_cost_usd numeric,
                   cache_write_cost_usd numeric, output_cost_usd numeric, reasoning_cost_usd numeric,
                   execution_cost_usd numeric, resource_cost_usd numeric, total_cost_usd numeric,
                   price_estimated boolean, quota_status text, replayed boolean)
    LANGUAGE sql
    VOLATILE
AS $$
    SELECT * FROM copilot_private.record_usage(p_items)
$$;

CREATE OR REPLACE FUNCTION usage.release_expired_reservations(p_limit integer)
    RETURNS integer
    LANGUAGE sql
    VOLATILE
AS $$
    SELECT copilot_private.release_expired_reservations(p_limit)
$$;

CREATE OR REPLACE FUNCTION usage.prune_receipts(p_retention interval, p_limit integer)
    RETURNS integer
    LANGUAGE sql
    VOLATILE
AS $$
    SELECT copilot_private.prune_usage_receipts(p_retention, p_limit)
$$;

REVOKE ALL ON FUNCTION usage.reserve(jsonb, interval), usage.record(jsonb),
    usage.release_expired_reservations(integer), usage.prune_receipts(interval, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION usage.reserve(jsonb, interval), usage.record(jsonb),
    usage.release_expired_reservations(integer), usage.prune_receipts(interval, integer) TO usage_writer;
