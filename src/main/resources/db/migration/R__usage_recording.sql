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
-- Locks, always in this order, so concurrent writers cannot deadlock: idempotency keys (in key
-- order) and estimates (record only), then quota rows in id order, then reservation rows.
--
-- Project SQLSTATEs (api.DatabaseErrors): CM001 a quota would be exceeded, CM002 the tenant may
-- not record usage, CM003 an idempotency key already holds other usage.
-- Repeatable: re-run whenever this file changes.

-- Functions whose signature or result changed are dropped first (CREATE OR REPLACE cannot);
-- the type goes with every function taking or answering it.
DROP FUNCTION IF EXISTS copilot_private.record_usage(jsonb);
DROP FUNCTION IF EXISTS copilot_private.reserve_usage(jsonb, interval);
DROP FUNCTION IF EXISTS copilot_private.reserve_llm_usage(uuid, uuid, uuid, text, text, text, bigint, bigint, bigint,
    bigint, bigint, interval);
DROP FUNCTION IF EXISTS copilot_private.reserve_sandbox_run(uuid, uuid, uuid, text, text, numeric, interval);
DROP FUNCTION IF EXISTS copilot_private.hold_quotas(uuid, uuid, text, numeric, interval, uuid, uuid);
DROP TYPE IF EXISTS copilot_private.usage_item CASCADE;

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
    -- get_current_model_pricing's rule, queried here: that SQL function is planned on every call
    SELECT mp.* INTO price
    FROM copilot_internal.model_pricing mp
    WHERE mp.provider = lower(p_provider) AND mp.model = p_model AND mp.effective_date <= p_at
    ORDER BY mp.effective_date DESC
    LIMIT 1;
    IF price.id IS NULL THEN
        RAISE EXCEPTION 'no price for model %/% at %', p_provider, p_model, p_at USING ERRCODE = '22023';
    END IF;
    RETURN price;
END
$$;

-- calculate_llm_cost's checks and arithmetic (V13, the seeds' function) on a price row already
-- found, so that recording looks the price up once; input and output cost rounded as stored.
CREATE OR REPLACE FUNCTION copilot_private.llm_cost(
    price copilot_internal.model_pricing,
    p_input_tokens bigint,
    p_output_tokens bigint,
    p_cached_input_tokens bigint,
    p_cache_write_tokens bigint,
    p_reasoning_tokens bigint,
    OUT input_cost_usd numeric,
    OUT output_cost_usd numeric)
    LANGUAGE plpgsql
    IMMUTABLE
    SET search_path = pg_catalog
AS $$
BEGIN
    IF least(p_input_tokens, p_output_tokens, p_cached_input_tokens, p_cache_write_tokens, p_reasoning_tokens) < 0 THEN
        RAISE EXCEPTION 'token counts must not be negative' USING ERRCODE = '22023';
    END IF;
    IF p_cached_input_tokens + p_cache_write_tokens > p_input_tokens THEN
        RAISE EXCEPTION 'cached (%) plus cache-write (%) tokens exceed input tokens (%)',
            p_cached_input_tokens, p_cache_write_tokens, p_input_tokens USING ERRCODE = '22023';
    END IF;
    IF p_reasoning_tokens > p_output_tokens THEN
        RAISE EXCEPTION 'reasoning tokens (%) exceed output tokens (%)', p_reasoning_tokens, p_output_tokens
            USING ERRCODE = '22023';
    END IF;
    input_cost_usd := round(((p_input_tokens - p_cached_input_tokens - p_cache_write_tokens) * price.input_price_per_million
                    + p_cached_input_tokens * coalesce(price.cached_input_price_per_million, price.input_price_per_million)
                    + p_cache_write_tokens * coalesce(price.cache_write_price_per_million, price.input_price_per_million))
                   / 1000000, 10);
    output_cost_usd := round(((p_output_tokens - p_reasoning_tokens) * price.output_price_per_million
                     + p_reasoning_tokens * coalesce(price.reasoning_price_per_million, price.output_price_per_million))
                    / 1000000, 10);
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

-- Helpers are PL/pgSQL, not SQL: a SQL function that is not inlined is planned on every call,
-- PL/pgSQL keeps its plans for the session.

-- The quotas that apply to usage of p_resource_type by the user in the tenant at p_at: the
-- tenant's, the user's and the platform's, of the resource or 'all'; in id order.
CREATE OR REPLACE FUNCTION copilot_private.applicable_quotas(
    p_tenant_id uuid,
    p_user_id uuid,
    p_resource_type text,
    p_at timestamptz)
    RETURNS uuid[]
    LANGUAGE plpgsql
    STABLE
    SET search_path = pg_catalog
AS $$
BEGIN
    -- one index lookup per scope (idx_cost_quotas_lookup)
    RETURN ARRAY(
        SELECT q.id FROM copilot_internal.cost_quotas q
        WHERE q.scope = 'tenant' AND q.scope_id = p_tenant_id AND q.period_end > p_at AND q.period_start <= p_at
          AND q.resource_type IN (p_resource_type, 'all')
        UNION ALL
        SELECT q.id FROM copilot_internal.cost_quotas q
        WHERE q.scope = 'user' AND q.scope_id = p_user_id AND q.tenant_id = p_tenant_id AND q.period_end > p_at
          AND q.period_start <= p_at AND q.resource_type IN (p_resource_type, 'all')
        UNION ALL
        SELECT q.id FROM copilot_internal.cost_quotas q
        WHERE q.scope = 'platform' AND q.period_end > p_at AND q.period_start <= p_at
          AND q.resource_type IN (p_resource_type, 'all')
        ORDER BY 1);
END
$$;

-- applicable_quotas at p_at, and the span around p_at in which that answer holds: between the
-- nearest start or end of a quota of these scopes at or before p_at and the nearest after it
-- (open when there is none). A batch's items mostly share tenant, user and month, so
-- record_usage looks their quotas up once per span, not once per item.
CREATE OR REPLACE FUNCTION copilot_private.applicable_quotas_around(
    p_tenant_id uuid,
    p_user_id uuid,
    p_resource_type text,
    p_at timestamptz,
    OUT quota_ids uuid[],
    OUT valid_from timestamptz,
    OUT valid_until timestamptz)
    LANGUAGE plpgsql
    STABLE
    SET search_path = pg_catalog
AS $$
BEGIN
    quota_ids := copilot_private.applicable_quotas(p_tenant_id, p_user_id, p_resource_type, p_at);
    SELECT coalesce(max(v.at) FILTER (WHERE v.at <= p_at), '-infinity'),
           coalesce(min(v.at) FILTER (WHERE v.at > p_at), 'infinity')
    INTO valid_from, valid_until
    FROM (SELECT q.period_start, q.period_end FROM copilot_internal.cost_quotas q
          WHERE q.scope = 'tenant' AND q.scope_id = p_tenant_id AND q.resource_type IN (p_resource_type, 'all')
          UNION ALL
          SELECT q.period_start, q.period_end FROM copilot_internal.cost_quotas q
          WHERE q.scope = 'user' AND q.scope_id = p_user_id AND q.tenant_id = p_tenant_id
            AND q.resource_type IN (p_resource_type, 'all')
          UNION ALL
          SELECT q.period_start, q.period_end FROM copilot_internal.cost_quotas q
          WHERE q.scope = 'platform' AND q.resource_type IN (p_resource_type, 'all')) q
    CROSS JOIN LATERAL (VALUES (q.period_start), (q.period_end)) AS v (at);
END
$$;

-- Locks the quotas in id order, the order every writer takes them in.
CREATE OR REPLACE FUNCTION copilot_private.lock_quotas(p_quota_ids uuid[])
    RETURNS void
    LANGUAGE plpgsql
    VOLATILE
    SET search_path = pg_catalog
AS $$
BEGIN
    PERFORM 1 FROM copilot_internal.cost_quotas q WHERE q.id = ANY (p_quota_ids) ORDER BY q.id FOR UPDATE;
END
$$;

-- The worst state among the quotas (OK when there are none).
CREATE OR REPLACE FUNCTION copilot_private.worst_quota_state(p_quota_ids uuid[])
    RETURNS text
    LANGUAGE plpgsql
    STABLE
    SET search_path = pg_catalog
AS $$
BEGIN
    RETURN (SELECT (ARRAY['OK', 'WARNING', 'EXCEEDED'])[coalesce(max(array_position(ARRAY['OK', 'WARNING', 'EXCEEDED'],
                       public.quota_state(q.current_spend_usd, q.limit_usd, q.warning_threshold))), 1)]
            FROM copilot_internal.cost_quotas q
            WHERE q.id = ANY (p_quota_ids));
END
$$;

-- Releases the reservations that are not released yet; the caller holds their quotas' locks.
CREATE OR REPLACE FUNCTION copilot_private.release_reservations(p_reservation_ids uuid[], p_reason text)
    RETURNS integer
    LANGUAGE plpgsql
    VOLATILE
    SET search_path = pg_catalog
AS $$
DECLARE
    released_count integer;
BEGIN
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
    SELECT count(*)::integer INTO released_count FROM released;
    RETURN released_count;
END
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
    held uuid[] := copilot_private.applicable_quotas(p_tenant_id, p_user_id, p_resource_type, now());
    blocked copilot_internal.cost_quotas;
    reservation uuid;
    expiry timestamptz := now() + p_ttl;
BEGIN
    PERFORM copilot_private.lock_quotas(held);
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
    SELECT c.input_cost_usd + c.output_cost_usd INTO cost
    FROM copilot_private.llm_cost(price, p_input_tokens, p_output_tokens, p_cached_input_tokens,
                                  p_cache_write_tokens, p_reasoning_tokens) c;
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

-- One item of recorded usage, checked and priced, on its way through record_usage.
CREATE TYPE copilot_private.usage_item AS (
    item_index           integer,
    resource_type        text,
    tenant_id            uuid,
    idempotency_key      text,
    record_id            uuid,
    content_hash         bytea,
    user_id              uuid,
    conversation_id      uuid,
    estimate_id          uuid,
    occurred_at          timestamptz,
    pricing_id           uuid,
    -- the quotas in force at occurred_at that the usage counts against
    quota_ids            uuid[],
    task_type            text,
    provider             text,
    model                text,
    input_tokens         bigint,
    output_tokens        bigint,
    cached_input_tokens  bigint,
    cache_write_tokens   bigint,
    reasoning_tokens     bigint,
    input_cost_usd       numeric,
    output_cost_usd      numeric,
    request_id           text,
    sandbox_id           text,
    template_id          text,
    tier                 text,
    region               text,
    execution_seconds    numeric,
    cpu_core_seconds     numeric,
    memory_gb_seconds    numeric,
    disk_io_gb           numeric,
    started_at           timestamptz,
    execution_cost_usd   numeric,
    resource_cost_usd    numeric,
    is_estimated         boolean,
    total_cost_usd       numeric,
    trace_id             text,
    metadata             jsonb,
    replayed             boolean,
    error_sqlstate       text,
    error_message        text);

-- An item's attribution (tenant, key, user, conversation, estimate, time, trace, metadata), read
-- and checked as every item needs it: an active tenant, a key, a known conversation, an estimate
-- of the kind that is still open (checked again under lock when the batch links it); the pricing
-- functions add the rest. Reads only: an item's subtransaction then takes no transaction id, so
-- a large batch does not overflow the subtransaction cache that every other session's snapshots
-- consult.
CREATE FUNCTION copilot_private.attributed_usage(p_item jsonb, p_index integer, p_resource_type text)
    RETURNS copilot_private.usage_item
    LANGUAGE plpgsql
    STABLE
    SET search_path = pg_catalog
AS $$
DECLARE
    attributed copilot_private.usage_item;
BEGIN
    attributed.item_index := p_index;
    attributed.resource_type := p_resource_type;
    attributed.tenant_id := (p_item ->> 'tenantId')::uuid;
    attributed.idempotency_key := p_item ->> 'idempotencyKey';
    attributed.user_id := (p_item ->> 'userId')::uuid;
    attributed.conversation_id := (p_item ->> 'conversationId')::uuid;
    attributed.estimate_id := (p_item ->> 'estimateId')::uuid;
    attributed.occurred_at := (p_item ->> 'occurredAt')::timestamptz;
    attributed.trace_id := p_item ->> 'traceId';
    attributed.metadata := coalesce(p_item -> 'metadata', '{}');
    PERFORM copilot_private.require_recording_tenant(attributed.tenant_id);
    IF attributed.idempotency_key IS NULL OR length(attributed.idempotency_key) NOT BETWEEN 1 AND 256 THEN
        RAISE EXCEPTION 'idempotencyKey is required, 1 to 256 characters' USING ERRCODE = '22023';
    END IF;
    IF attributed.occurred_at IS NULL THEN
        RAISE EXCEPTION 'occurredAt is required' USING ERRCODE = '22023';
    END IF;
    IF attributed.conversation_id IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM copilot_internal.conversations c
            WHERE c.tenant_id = attributed.tenant_id AND c.id = attributed.conversation_id) THEN
        RAISE EXCEPTION 'conversation % does not exist in tenant %', attributed.conversation_id, attributed.tenant_id
            USING ERRCODE = '22023';
    END IF;
    IF attributed.estimate_id IS NOT NULL THEN
        IF attributed.resource_type = 'llm' THEN
            PERFORM 1 FROM copilot_internal.llm_cost_estimates e
            WHERE e.id = attributed.estimate_id AND e.tenant_id = attributed.tenant_id AND e.llm_cost_record_id IS NULL;
        ELSE
            PERFORM 1 FROM copilot_internal.e2b_cost_estimates e
            WHERE e.id = attributed.estimate_id AND e.tenant_id = attributed.tenant_id AND e.e2b_cost_record_id IS NULL;
        END IF;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no open % estimate % in tenant %', attributed.resource_type, attributed.estimate_id,
                attributed.tenant_id USING ERRCODE = 'P0002', HINT = 'an estimate is settled by one record only';
        END IF;
    END IF;
    RETURN attributed;
END
$$;

CREATE FUNCTION copilot_private.price_llm_usage(p_item jsonb, p_index integer)
    RETURNS copilot_private.usage_item
    LANGUAGE plpgsql
    VOLATILE
    SET search_path = pg_catalog
AS $$
DECLARE
    u copilot_private.usage_item;
    price copilot_internal.model_pricing;
BEGIN
    u := copilot_private.attributed_usage(p_item, p_index, 'llm');
    u.task_type := coalesce(p_item ->> 'taskType', 'chat');
    u.provider := lower(p_item ->> 'provider');
    u.model := p_item ->> 'model';
    u.input_tokens := (p_item ->> 'inputTokens')::bigint;
    u.output_tokens := (p_item ->> 'outputTokens')::bigint;
    u.cached_input_tokens := coalesce((p_item ->> 'cachedInputTokens')::bigint, 0);
    u.cache_write_tokens := coalesce((p_item ->> 'cacheWriteTokens')::bigint, 0);
    u.reasoning_tokens := coalesce((p_item ->> 'reasoningTokens')::bigint, 0);
    u.request_id := p_item ->> 'requestId';
    IF u.provider IS NULL OR u.model IS NULL OR u.input_tokens IS NULL OR u.output_tokens IS NULL THEN
        RAISE EXCEPTION 'provider, model, inputTokens and outputTokens are required' USING ERRCODE = '22023';
    END IF;

    price := copilot_private.model_price(u.provider, u.model, u.occurred_at);
    SELECT c.input_cost_usd, c.output_cost_usd INTO u.input_cost_usd, u.output_cost_usd
    FROM copilot_private.llm_cost(price, u.input_tokens, u.output_tokens, u.cached_input_tokens,
                                  u.cache_write_tokens, u.reasoning_tokens) c;
    u.total_cost_usd := u.input_cost_usd + u.output_cost_usd;
    u.pricing_id := price.id;
    u.record_id := gen_random_uuid();
    u.content_hash := sha256(convert_to(jsonb_build_array('llm', u.user_id, u.conversation_id, u.task_type,
        u.provider, u.model, u.input_tokens, u.output_tokens, u.cached_input_tokens, u.cache_write_tokens,
        u.reasoning_tokens, extract(epoch FROM u.occurred_at), u.estimate_id, u.request_id, u.trace_id,
        u.metadata)::text, 'UTF8'));
    RETURN u;
END
$$;

CREATE FUNCTION copilot_private.price_sandbox_run(p_item jsonb, p_index integer)
    RETURNS copilot_private.usage_item
    LANGUAGE plpgsql
    VOLATILE
    SET search_path = pg_catalog
AS $$
DECLARE
    u copilot_private.usage_item;
    price copilot_internal.e2b_pricing;
BEGIN
    u := copilot_private.attributed_usage(p_item, p_index, 'e2b');
    u.started_at := (p_item ->> 'startedAt')::timestamptz;
    u.sandbox_id := p_item ->> 'sandboxId';
    u.template_id := p_item ->> 'templateId';
    u.tier := lower(p_item ->> 'tier');
    u.region := p_item ->> 'region';
    -- as the records keep them: a value that does not fit is refused here (22003), not at the insert
    u.execution_seconds := (p_item ->> 'executionSeconds')::numeric(14, 3);
    u.cpu_core_seconds := (p_item ->> 'cpuCoreSeconds')::numeric(14, 3);
    u.memory_gb_seconds := (p_item ->> 'memoryGbSeconds')::numeric(14, 3);
    u.disk_io_gb := (p_item ->> 'diskIoGb')::numeric(14, 6);
    IF u.sandbox_id IS NULL OR u.tier IS NULL OR u.region IS NULL OR u.execution_seconds IS NULL THEN
        RAISE EXCEPTION 'sandboxId, tier, region and executionSeconds are required' USING ERRCODE = '22023';
    END IF;
    IF u.started_at > u.occurred_at THEN
        RAISE EXCEPTION 'startedAt must not be after occurredAt' USING ERRCODE = '22023';
    END IF;

    price := copilot_private.sandbox_price(u.tier, u.region, u.occurred_at);
    SELECT round(c.execution_cost_usd, 10), round(c.resource_cost_usd, 10), c.is_estimated
    INTO u.execution_cost_usd, u.resource_cost_usd, u.is_estimated
    FROM copilot_internal.calculate_e2b_cost(u.tier, u.region, u.execution_seconds, u.cpu_core_seconds,
                                             u.memory_gb_seconds, u.disk_io_gb, u.occurred_at) c;
    u.total_cost_usd := u.execution_cost_usd + u.resource_cost_usd;
    u.pricing_id := price.id;
    u.record_id := gen_random_uuid();
    u.content_hash := sha256(convert_to(jsonb_build_array('e2b', u.user_id, u.conversation_id, u.sandbox_id,
        u.template_id, u.tier, u.region, u.execution_seconds, u.cpu_core_seconds, u.memory_gb_seconds,
        u.disk_io_gb, extract(epoch FROM u.started_at), extract(epoch FROM u.occurred_at), u.estimate_id,
        u.trace_id, u.metadata)::text, 'UTF8'));
    RETURN u;
END
$$;

-- The entry point for recorded usage, one item or a batch: a JSON array of items, each
-- {"kind": "llm" | "e2b", ...in camelCase}. Answers one row per item, in order: the receipt
-- (the same for every replay of its key) or the item's error (SQLSTATE and message); a failing
-- item leaves nothing behind and rejects no other.
--   1. Each item on its own, in a subtransaction that only reads: checked and priced at its
--      occurred_at; its quotas are the previous item's when tenant, user and kind are the same
--      and its time falls in the span those quotas hold for (applicable_quotas_around).
--   2. Their idempotency keys claimed in one insert, in key order. A copy racing an uncommitted
--      first one waits here for it, then replays (or claims, if that one rolled back). A key
--      that already holds the same usage is a replay; other usage under it is CM003.
--   3. Their estimates locked; one already settled (by another transaction or an earlier item)
--      makes its item fail, and the item's key is given back.
--   4. All new items at once: one insert per cost table (the rollup triggers run once, not per
--      item), estimates linked, their reservations released, each quota's spend raised once by
--      the sum of its items (even past the limit: the money is spent). A quota or rollup row
--      updated once per item would leave a row version per item to walk through.
-- Its statements, and those of the rollup triggers they fire, run with generic plans: left to
-- choose, PL/pgSQL kept planning most of them anew on every call, a quarter of a single record's
-- database time (pgbench -c 1: 452-480 against 600-631 records/s with this setting).
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
    SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    item jsonb;
    n integer := 0;
    u copilot_private.usage_item;
    items copilot_private.usage_item[] := '{}';
    claimed uuid[];
    open_estimates uuid[];
    settled uuid[] := '{}';
    existing copilot_internal.usage_receipts;
    fresh copilot_private.usage_item[] := '{}';
    reservations uuid[] := '{}';
    alone boolean := jsonb_array_length(p_items) = 1;
    -- the quotas of the last item's tenant, user and kind, and the span they hold for
    quota_ids_held uuid[];
    quotas_from timestamptz;
    quotas_until timestamptz;
    quotas_tenant uuid;
    quotas_user uuid;
    quotas_type text;
    failure_state text;
    failure_message text;
BEGIN
    -- 1. check and price
    FOR item IN SELECT value FROM jsonb_array_elements(p_items) LOOP
        BEGIN
            IF item ->> 'kind' = 'llm' THEN
                u := copilot_private.price_llm_usage(item, n);
            ELSIF item ->> 'kind' = 'e2b' THEN
                u := copilot_private.price_sandbox_run(item, n);
            ELSE
                RAISE EXCEPTION 'an item is either llm or e2b usage' USING ERRCODE = '22023';
            END IF;
            IF (u.tenant_id, u.user_id, u.resource_type) IS DISTINCT FROM (quotas_tenant, quotas_user, quotas_type)
                    OR u.occurred_at < quotas_from OR u.occurred_at >= quotas_until THEN
                IF alone THEN  -- no other item to share them with: the plain lookup is cheaper
                    quota_ids_held := copilot_private.applicable_quotas(u.tenant_id, u.user_id, u.resource_type,
                                                                        u.occurred_at);
                ELSE
                    SELECT w.quota_ids, w.valid_from, w.valid_until INTO quota_ids_held, quotas_from, quotas_until
                    FROM copilot_private.applicable_quotas_around(u.tenant_id, u.user_id, u.resource_type,
                                                                  u.occurred_at) w;
                END IF;
                quotas_tenant := u.tenant_id;
                quotas_user := u.user_id;
                quotas_type := u.resource_type;
            END IF;
            u.quota_ids := quota_ids_held;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS failure_state = RETURNED_SQLSTATE, failure_message = MESSAGE_TEXT;
            u := NULL;
            u.item_index := n;
            u.error_sqlstate := failure_state;
            u.error_message := failure_message;
        END;
        n := n + 1;
        items[n] := u;
    END LOOP;

    -- 2. claim the keys
    WITH inserted AS (
        INSERT INTO copilot_internal.usage_receipts
            (tenant_id, idempotency_key, resource_type, record_id, content_hash, occurred_at)
        SELECT i.tenant_id, i.idempotency_key, i.resource_type, i.record_id, i.content_hash, i.occurred_at
        FROM unnest(items) i
        WHERE i.error_sqlstate IS NULL
        ORDER BY i.tenant_id, i.idempotency_key, i.item_index
        ON CONFLICT ON CONSTRAINT usage_receipts_pkey DO NOTHING
        RETURNING copilot_internal.usage_receipts.record_id)
    SELECT coalesce(array_agg(inserted.record_id), '{}') INTO claimed FROM inserted;

    -- 3. lock the estimates the claimed items settle
    open_estimates := ARRAY(
        SELECT e.id FROM copilot_internal.llm_cost_estimates e
        WHERE e.id IN (SELECT i.estimate_id FROM unnest(items) i WHERE i.resource_type = 'llm'
                         AND i.record_id = ANY (claimed))
          AND e.llm_cost_record_id IS NULL
        ORDER BY e.id FOR UPDATE);
    open_estimates := open_estimates || ARRAY(
        SELECT e.id FROM copilot_internal.e2b_cost_estimates e
        WHERE e.id IN (SELECT i.estimate_id FROM unnest(items) i WHERE i.resource_type = 'e2b'
                         AND i.record_id = ANY (claimed))
          AND e.e2b_cost_record_id IS NULL
        ORDER BY e.id FOR UPDATE);

    FOR n IN 1 .. coalesce(array_length(items, 1), 0) LOOP
        u := items[n];
        CONTINUE WHEN u.error_sqlstate IS NOT NULL;
        IF u.record_id = ANY (claimed) THEN
            IF u.estimate_id IS NOT NULL AND (u.estimate_id = ANY (settled) OR NOT u.estimate_id = ANY (open_estimates)) THEN
                DELETE FROM copilot_internal.usage_receipts k
                WHERE k.tenant_id = u.tenant_id AND k.idempotency_key = u.idempotency_key;
                u.error_sqlstate := 'P0002';
                u.error_message := format('no open %s estimate %s in tenant %s', u.resource_type, u.estimate_id,
                                          u.tenant_id);
            ELSE
                u.replayed := false;
                IF u.estimate_id IS NOT NULL THEN
                    settled := settled || u.estimate_id;
                END IF;
                fresh[cardinality(fresh) + 1] := u;
            END IF;
        ELSE
            SELECT * INTO existing FROM copilot_internal.usage_receipts k
            WHERE k.tenant_id = u.tenant_id AND k.idempotency_key = u.idempotency_key;
            IF existing.resource_type = u.resource_type AND existing.content_hash = u.content_hash THEN
                u.replayed := true;
            ELSE
                u.error_sqlstate := 'CM003';
                u.error_message := format('idempotency key "%s" already holds other usage', left(u.idempotency_key, 40));
            END IF;
        END IF;
        items[n] := u;
    END LOOP;

    -- 4. write what is new (an insert of no rows would still run the rollup trigger)
    IF cardinality(fresh) > 0 THEN
        IF EXISTS (SELECT 1 FROM unnest(fresh) f WHERE f.resource_type = 'llm') THEN
            INSERT INTO copilot_internal.llm_cost_records
                (id, tenant_id, user_id, conversation_id, task_type, provider, model, input_tokens, output_tokens,
                 cached_input_tokens, cache_write_tokens, reasoning_tokens, input_cost_usd, output_cost_usd,
                 total_cost_usd, pricing_id, request_id, trace_id, metadata, occurred_at)
            SELECT f.record_id, f.tenant_id, f.user_id, f.conversation_id, f.task_type, f.provider, f.model,
                   f.input_tokens, f.output_tokens, f.cached_input_tokens, f.cache_write_tokens, f.reasoning_tokens,
                   f.input_cost_usd, f.output_cost_usd, f.total_cost_usd, f.pricing_id, f.request_id, f.trace_id,
                   f.metadata, f.occurred_at
            FROM unnest(fresh) f WHERE f.resource_type = 'llm';
        END IF;
        IF EXISTS (SELECT 1 FROM unnest(fresh) f WHERE f.resource_type = 'e2b') THEN
            INSERT INTO copilot_internal.e2b_cost_records
                (id, tenant_id, user_id, conversation_id, sandbox_id, template_id, tier, region,
                 execution_time_seconds, cpu_core_seconds, memory_gb_seconds, disk_io_gb, execution_cost_usd,
                 resource_cost_usd, total_cost_usd, is_estimated, pricing_id, trace_id, metadata, started_at,
                 occurred_at)
            SELECT f.record_id, f.tenant_id, f.user_id, f.conversation_id, f.sandbox_id, f.template_id, f.tier,
                   f.region, f.execution_seconds, f.cpu_core_seconds, f.memory_gb_seconds, f.disk_io_gb,
                   f.execution_cost_usd, f.resource_cost_usd, f.total_cost_usd, f.is_estimated, f.pricing_id,
                   f.trace_id, f.metadata, f.started_at, f.occurred_at
            FROM unnest(fresh) f WHERE f.resource_type = 'e2b';
        END IF;

        IF cardinality(settled) > 0 THEN
            UPDATE copilot_internal.llm_cost_estimates e SET llm_cost_record_id = f.record_id
            FROM unnest(fresh) f WHERE f.resource_type = 'llm' AND e.id = f.estimate_id;
            UPDATE copilot_internal.e2b_cost_estimates e SET e2b_cost_record_id = f.record_id
            FROM unnest(fresh) f WHERE f.resource_type = 'e2b' AND e.id = f.estimate_id;
            reservations := ARRAY(SELECT r.id FROM copilot_internal.quota_reservations r
                                  WHERE r.llm_estimate_id = ANY (settled) OR r.e2b_estimate_id = ANY (settled));
        END IF;

        PERFORM copilot_private.lock_quotas(ARRAY(
            SELECT held.quota_id FROM unnest(fresh) f CROSS JOIN LATERAL unnest(f.quota_ids) AS held (quota_id)
            UNION
            SELECT held.quota_id FROM copilot_internal.quota_reservations r
                 CROSS JOIN LATERAL unnest(r.quota_ids) AS held (quota_id)
            WHERE r.id = ANY (reservations)));
        IF cardinality(reservations) > 0 THEN
            PERFORM copilot_private.release_reservations(reservations, 'recorded');
        END IF;
        UPDATE copilot_internal.cost_quotas q SET current_spend_usd = q.current_spend_usd + spent.amount
        FROM (SELECT held.quota_id, sum(f.total_cost_usd) AS amount
              FROM unnest(fresh) f CROSS JOIN LATERAL unnest(f.quota_ids) AS held (quota_id)
              GROUP BY held.quota_id) AS spent
        WHERE q.id = spent.quota_id;
        -- One statement for all the new receipts (one per item had been a tenth of a batch's
        -- database time), each quota set's state worked out once. Only this transaction holds
        -- these rows (it inserted them), so the order they are updated in cannot deadlock.
        UPDATE copilot_internal.usage_receipts k SET quota_status = s.state
        FROM unnest(fresh) f
        JOIN (SELECT d.quota_ids, copilot_private.worst_quota_state(d.quota_ids) AS state
              FROM (SELECT DISTINCT g.quota_ids FROM unnest(fresh) g) d) s
          ON s.quota_ids IS NOT DISTINCT FROM f.quota_ids
        WHERE k.tenant_id = f.tenant_id AND k.idempotency_key = f.idempotency_key;
    END IF;

    RETURN QUERY
    SELECT a.item_index, a.error_sqlstate, a.error_message, k.record_id, k.resource_type, k.tenant_id,
           k.idempotency_key, k.occurred_at, coalesce(l.pricing_id, e.pricing_id), l.input_cost_usd,
           -- the parts of input and output cost at the special prices (they fall back to the plain ones)
           round(l.cached_input_tokens * coalesce(mp.cached_input_price_per_million, mp.input_price_per_million)
                 / 1000000, 10),
           round(l.cache_write_tokens * coalesce(mp.cache_write_price_per_million, mp.input_price_per_million)
                 / 1000000, 10),
           l.output_cost_usd,
           round(l.reasoning_tokens * coalesce(mp.reasoning_price_per_million, mp.output_price_per_million)
                 / 1000000, 10),
           e.execution_cost_usd, e.resource_cost_usd, coalesce(l.total_cost_usd, e.total_cost_usd),
           CASE WHEN k.record_id IS NOT NULL THEN coalesce(e.is_estimated, false) END, k.quota_status, a.replayed
    FROM unnest(items) a
    LEFT JOIN copilot_internal.usage_receipts k
           ON a.error_sqlstate IS NULL AND k.tenant_id = a.tenant_id AND k.idempotency_key = a.idempotency_key
    LEFT JOIN copilot_internal.llm_cost_records l ON k.resource_type = 'llm' AND l.id = k.record_id
    LEFT JOIN copilot_internal.model_pricing mp ON mp.id = l.pricing_id
    LEFT JOIN copilot_internal.e2b_cost_records e ON k.resource_type = 'e2b' AND e.id = k.record_id
    ORDER BY a.item_index;
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
        'sandbox_price(text, text, timestamptz)',
        'llm_cost(copilot_internal.model_pricing, bigint, bigint, bigint, bigint, bigint)', 'applicable_quotas(uuid, uuid, text, timestamptz)',
        'applicable_quotas_around(uuid, uuid, text, timestamptz)', 'lock_quotas(uuid[])',
        'worst_quota_state(uuid[])', 'release_reservations(uuid[], text)',
        'hold_quotas(uuid, uuid, text, numeric, interval, uuid, uuid)',
        'reserve_llm_usage(uuid, uuid, uuid, text, text, text, bigint, bigint, bigint, bigint, bigint, interval)',
        'reserve_sandbox_run(uuid, uuid, uuid, text, text, numeric, interval)',
        'attributed_usage(jsonb, integer, text)', 'price_llm_usage(jsonb, integer)',
        'price_sandbox_run(jsonb, integer)'] LOOP
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
-- owner-rights function of the same purpose, called with the caller's rights. reserve and record
-- run on every request and are PL/pgSQL, which keeps its plan between calls: a volatile
-- set-returning SQL function cannot be inlined and is parsed and planned on each call (about 4%
-- of a single record's database CPU, bench/sql-cpu.sh).
CREATE OR REPLACE FUNCTION usage.reserve(p_item jsonb, p_ttl interval)
    RETURNS TABLE (estimate_id uuid, estimated_cost_usd numeric, pricing_id uuid, quota_status text,
                   reserved_until timestamptz)
    LANGUAGE plpgsql
    VOLATILE
AS $$
BEGIN
    RETURN QUERY SELECT * FROM copilot_private.reserve_usage(p_item, p_ttl);
END
$$;

CREATE OR REPLACE FUNCTION usage.record(p_items jsonb)
    RETURNS TABLE (item_index integer, error_sqlstate text, error_message text, record_id uuid,
                   resource_type text, tenant_id uuid, idempotency_key text, occurred_at timestamptz,
                   pricing_id uuid, input_cost_usd numeric, cached_input_cost_usd numeric,
                   cache_write_cost_usd numeric, output_cost_usd numeric, reasoning_cost_usd numeric,
                   execution_cost_usd numeric, resource_cost_usd numeric, total_cost_usd numeric,
                   price_estimated boolean, quota_status text, replayed boolean)
    LANGUAGE plpgsql
    VOLATILE
AS $$
BEGIN
    RETURN QUERY SELECT * FROM copilot_private.record_usage(p_items);
END
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
