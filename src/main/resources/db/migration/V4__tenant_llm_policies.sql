-- Which providers and models a tenant may use. Created after tenants so the foreign key holds
-- (the seeds' ordering fix); deleting a tenant deletes its policy.

CREATE TABLE copilot_internal.tenant_llm_policies (
    id                        uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id                 uuid        NOT NULL UNIQUE REFERENCES copilot_internal.tenants (id) ON DELETE CASCADE,
    allowed_providers         text[]      NOT NULL DEFAULT ARRAY[]::text[],
    allowed_models            text[]      NOT NULL DEFAULT ARRAY[]::text[],
    default_provider          text,
    default_model             text,
    max_tokens_per_request    integer     CHECK (max_tokens_per_request > 0),
    allow_e2b_sandboxes       boolean     NOT NULL DEFAULT true,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now()
);

COMMENT ON COLUMN copilot_internal.tenant_llm_policies.allowed_providers IS 'Empty means every provider is allowed.';

CREATE TRIGGER tenant_llm_policies_touch_updated_at BEFORE UPDATE ON copilot_internal.tenant_llm_policies
    FOR EACH ROW EXECUTE FUNCTION copilot_internal.touch_updated_at();

SELECT copilot_internal.enable_tenant_isolation('copilot_internal.tenant_llm_policies', false, false);
