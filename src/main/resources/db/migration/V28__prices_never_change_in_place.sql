-- A price never changes in place (V13 let one through when notes changed in the same UPDATE):
-- any UPDATE that touches more than notes is refused; correcting a note alone stays possible.

DROP TRIGGER model_pricing_immutable ON copilot_internal.model_pricing;
DROP TRIGGER e2b_pricing_immutable ON copilot_internal.e2b_pricing;

CREATE TRIGGER model_pricing_immutable BEFORE UPDATE ON copilot_internal.model_pricing
    FOR EACH ROW WHEN ((to_jsonb(OLD) - 'notes') IS DISTINCT FROM (to_jsonb(NEW) - 'notes'))
    EXECUTE FUNCTION copilot_internal.refuse_price_update();
CREATE TRIGGER e2b_pricing_immutable BEFORE UPDATE ON copilot_internal.e2b_pricing
    FOR EACH ROW WHEN ((to_jsonb(OLD) - 'notes') IS DISTINCT FROM (to_jsonb(NEW) - 'notes'))
    EXECUTE FUNCTION copilot_internal.refuse_price_update();
