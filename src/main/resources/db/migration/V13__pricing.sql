-- Effective-dated prices. A price change is a new row with a later effective_date; the price
-- in force at an instant is the row with the latest effective_date not after it. Rows are
-- never updated in place (a trigger refuses it), so every recorded cost can be re-derived.

CREATE TABLE copilot_internal.model_pricing (
    id                            uuid           PRIMARY KEY DEFAULT gen_random_uuid(),
    provider                      text           NOT NULL CHECK (provider = lower(provider)),
    model                         text           NOT NULL,
    input_price_per_million       numeric(20, 10) NOT NULL CHECK (input_price_per_million >= 0),
    output_price_per_million      numeric(20, 10) NOT NULL CHECK (output_price_per_million >= 0),
    -- NULL where the provider has no such price: those tokens are billed at the input/output price.
    cached_input_price_per_million numeric(20, 10) CHECK (cached_input_price_per_million >= 0),
    cache_write_price_per_million numeric(20, 10) CHECK (cache_write_price_per_million >= 0),
    reasoning_price_per_million   numeric(20, 10) CHECK (reasoning_price_per_million >= 0),
    effective_date                timestamptz    NOT NULL DEFAULT now(),
    notes                         text,
    created_at                    timestamptz    NOT NULL DEFAULT now(),
    UNIQUE (provider, model, effective_date)
);

CREATE TABLE copilot_internal.e2b_pricing (
    id                         uuid           PRIMARY KEY DEFAULT gen_random_uuid(),
    tier                       text           NOT NULL CHECK (tier = lower(tier)),
    region                     text           NOT NULL,
    price_per_second           numeric(20, 10) NOT NULL CHECK (price_per_second >= 0),
    price_per_cpu_core_second  numeric(20, 10) CHECK (price_per_cpu_core_second >= 0),
    price_per_gb_memory_second numeric(20, 10) CHECK (price_per_gb_memory_second >= 0),
    price_per_gb_disk_io       numeric(20, 10) CHECK (price_per_gb_disk_io >= 0),
    effective_date             timestamptz    NOT NULL DEFAULT now(),
    notes                      text,
    created_at                 timestamptz    NOT NULL DEFAULT now(),
    UNIQUE (tier, region, effective_date)
);

CREATE OR REPLACE FUNCTION copilot_internal.refuse_price_update()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
BEGIN
    RAISE EXCEPTION 'prices are effective-dated: insert a new row for % instead of updating it', TG_TABLE_NAME
        USING ERRCODE = '55000', HINT = 'INSERT a row with a later effective_date';
END
$$;

CREATE TRIGGER model_pricing_immutable BEFORE UPDATE ON copilot_internal.model_pricing
    FOR EACH ROW WHEN (OLD.notes IS NOT DISTINCT FROM NEW.notes)
    EXECUTE FUNCTION copilot_internal.refuse_price_update();
CREATE TRIGGER e2b_pricing_immutable BEFORE UPDATE ON copilot_internal.e2b_pricing
    FOR EACH ROW WHEN (OLD.notes IS NOT DISTINCT FROM NEW.notes)
    EXECUTE FUNCTION copilot_internal.refuse_price_update();

-- Prices are public reference data: every authenticated caller reads them, only service_role writes.
DO $$
DECLARE
    pricing_table text;
BEGIN
    FOREACH pricing_table IN ARRAY ARRAY['model_pricing', 'e2b_pricing'] LOOP
        EXECUTE format('ALTER TABLE copilot_internal.%I ENABLE ROW LEVEL SECURITY', pricing_table);
        EXECUTE format('ALTER TABLE copilot_internal.%I FORCE ROW LEVEL SECURITY', pricing_table);
        EXECUTE format('CREATE POLICY %I ON copilot_internal.%I FOR ALL TO service_role USING (true) WITH CHECK (true)',
                       pricing_table || '_service_role_full_access', pricing_table);
        EXECUTE format('CREATE POLICY %I ON copilot_internal.%I FOR SELECT TO authenticated, analytics_reader USING (true)',
                       pricing_table || '_read_all', pricing_table);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON copilot_internal.%I TO service_role', pricing_table);
        EXECUTE format('GRANT SELECT ON copilot_internal.%I TO authenticated, analytics_reader', pricing_table);
    END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION copilot_internal.get_current_model_pricing(
    p_provider text,
    p_model text,
    p_at timestamptz DEFAULT now())
    RETURNS SETOF copilot_internal.model_pricing
    LANGUAGE sql
    STABLE
    SET search_path = pg_catalog
AS $$
    SELECT *
    FROM copilot_internal.model_pricing mp
    WHERE mp.provider = lower(p_provider)
      AND mp.model = p_model
      AND mp.effective_date <= p_at
    ORDER BY mp.effective_date DESC
    LIMIT 1
$$;

-- Token semantics (documented because providers differ):
--   p_input_tokens       all prompt tokens, including the cached and cache-write ones;
--   p_cached_input_tokens the part of the prompt read from cache (cached-input price);
--   p_cache_write_tokens the part of the prompt written to cache (cache-write price);
--   p_output_tokens      all completion tokens, including reasoning tokens;
--   p_reasoning_tokens   the part of the completion spent reasoning (reasoning price).
-- A missing special price falls back to the plain input/output price. Unknown model: zero
-- costs and pricing_found = false, so callers can flag the record instead of failing.
CREATE OR REPLACE FUNCTION copilot_internal.calculate_llm_cost(
    p_provider text,
    p_model text,
    p_input_tokens bigint,
    p_output_tokens bigint,
    p_cached_input_tokens bigint,
    p_cache_write_tokens bigint DEFAULT 0,
    p_reasoning_tokens bigint DEFAULT 0,
    p_at timestamptz DEFAULT now())
    RETURNS TABLE (input_cost_usd numeric, output_cost_usd numeric, total_cost_usd numeric, pricing_found boolean)
    LANGUAGE plpgsql
    STABLE
    SET search_path = pg_catalog
AS $$
DECLARE
    price copilot_internal.model_pricing;
    input_cost numeric;
    output_cost numeric;
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

    SELECT * INTO price FROM copilot_internal.get_current_model_pricing(p_provider, p_model, p_at);
    IF price.id IS NULL THEN
        RETURN QUERY SELECT 0::numeric, 0::numeric, 0::numeric, false;
        RETURN;
    END IF;

    input_cost := ((p_input_tokens - p_cached_input_tokens - p_cache_write_tokens) * price.input_price_per_million
                   + p_cached_input_tokens * coalesce(price.cached_input_price_per_million, price.input_price_per_million)
                   + p_cache_write_tokens * coalesce(price.cache_write_price_per_million, price.input_price_per_million))
                  / 1000000;
    output_cost := ((p_output_tokens - p_reasoning_tokens) * price.output_price_per_million
                    + p_reasoning_tokens * coalesce(price.reasoning_price_per_million, price.output_price_per_million))
                   / 1000000;
    RETURN QUERY SELECT input_cost, output_cost, input_cost + output_cost, true;
END
$$;

-- The seeds' four-argument form: no cached, cache-write or reasoning tokens, current prices.
CREATE OR REPLACE FUNCTION copilot_internal.calculate_llm_cost(
    p_provider text,
    p_model text,
    p_input_tokens bigint,
    p_output_tokens bigint)
    RETURNS TABLE (input_cost_usd numeric, output_cost_usd numeric, total_cost_usd numeric, pricing_found boolean)
    LANGUAGE sql
    STABLE
    SET search_path = pg_catalog
AS $$
    SELECT * FROM copilot_internal.calculate_llm_cost(p_provider, p_model, p_input_tokens, p_output_tokens, 0, 0, 0, now())
$$;

-- Execution time at the tier's per-second price plus metered resources where the tier prices
-- them. A tier without a price in the requested region is priced from the same tier's latest
-- price elsewhere and flagged is_estimated; an unknown tier costs zero, also flagged.
CREATE OR REPLACE FUNCTION copilot_internal.calculate_e2b_cost(
    p_tier text,
    p_region text,
    p_execution_time_seconds numeric,
    p_cpu_core_seconds numeric DEFAULT NULL,
    p_memory_gb_seconds numeric DEFAULT NULL,
    p_disk_io_gb numeric DEFAULT NULL,
    p_pricing_date timestamptz DEFAULT now())
    RETURNS TABLE (execution_cost_usd numeric, resource_cost_usd numeric, total_cost_usd numeric, is_estimated boolean)
    LANGUAGE plpgsql
    STABLE
    SET search_path = pg_catalog
AS $$
DECLARE
    price copilot_internal.e2b_pricing;
    exact_match boolean;
    execution_cost numeric;
    resource_cost numeric;
BEGIN
    IF p_execution_time_seconds IS NULL OR p_execution_time_seconds < 0
       OR least(p_cpu_core_seconds, p_memory_gb_seconds, p_disk_io_gb) < 0 THEN
        RAISE EXCEPTION 'usage must be given and not negative' USING ERRCODE = '22023';
    END IF;

    SELECT ep.* INTO price
    FROM copilot_internal.e2b_pricing ep
    WHERE ep.tier = lower(p_tier)
      AND ep.effective_date <= coalesce(p_pricing_date, now())
    ORDER BY ep.region = p_region DESC, ep.effective_date DESC
    LIMIT 1;
    IF price.id IS NULL THEN
        RETURN QUERY SELECT 0::numeric, 0::numeric, 0::numeric, true;
        RETURN;
    END IF;
    exact_match := price.region = p_region;

    execution_cost := p_execution_time_seconds * price.price_per_second;
    resource_cost := coalesce(p_cpu_core_seconds * price.price_per_cpu_core_second, 0)
                   + coalesce(p_memory_gb_seconds * price.price_per_gb_memory_second, 0)
                   + coalesce(p_disk_io_gb * price.price_per_gb_disk_io, 0);
    RETURN QUERY SELECT execution_cost, resource_cost, execution_cost + resource_cost, NOT exact_match;
END
$$;

GRANT EXECUTE ON FUNCTION copilot_internal.get_current_model_pricing(text, text, timestamptz),
    copilot_internal.calculate_llm_cost(text, text, bigint, bigint, bigint, bigint, bigint, timestamptz),
    copilot_internal.calculate_llm_cost(text, text, bigint, bigint),
    copilot_internal.calculate_e2b_cost(text, text, numeric, numeric, numeric, numeric, timestamptz)
    TO authenticated, service_role, analytics_reader;
