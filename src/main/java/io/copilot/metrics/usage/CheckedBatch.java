package io.copilot.metrics.usage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;

import io.copilot.metrics.api.BadUserInputException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A batch of items checked one by one before the database sees them: each is either the JSON
 * item the write API takes or its refusal. The accepted ones go to the database in one call; the
 * answers come back in the batch's order, refusals in their places.
 */
public final class CheckedBatch {

    /** Reads one item into the write API's JSON, or refuses it. */
    @FunctionalInterface
    public interface Check<I> {
        JsonObject apply(I item, String name) throws BadUserInputException;
    }

    private final List<JsonObject> checked;
    private final Map<Integer, UsageError> refused;

    private CheckedBatch(List<JsonObject> checked, Map<Integer, UsageError> refused) {
        this.checked = checked;
        this.refused = refused;
    }

    /** Each item of {@code items} checked, named {@code argument[i]} in its refusal. */
    public static <I> CheckedBatch of(List<I> items, String argument, Check<I> check) {
        List<JsonObject> checked = new ArrayList<>(items.size());
        Map<Integer, UsageError> refused = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                checked.add(check.apply(items.get(i), argument + "[" + i + "]"));
            } catch (BadUserInputException invalid) {
                checked.add(null);
                refused.put(i, new UsageError("BAD_USER_INPUT", invalid.getMessage()));
            }
        }
        return new CheckedBatch(checked, refused);
    }

    /** The items the database is to record, in order, the refused left out. */
    public JsonArray accepted() {
        JsonArray items = new JsonArray();
        checked.stream().filter(item -> item != null).forEach(items::add);
        return items;
    }

    /**
     * An answer for every item, in the batch's order.
     *
     * @param outcomes the database's outcomes for {@link #accepted()}
     * @param indexOf  an outcome's index within the accepted items
     * @param answer   the answer at a batch index from its outcome
     * @param refusal  the answer at a batch index from its refusal
     */
    public <O, R> List<R> answers(List<O> outcomes, ToIntFunction<O> indexOf, BiFunction<Integer, O, R> answer,
            BiFunction<Integer, UsageError, R> refusal) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            if (checked.get(i) != null) {
                positions.add(i);
            }
        }
        List<R> results = new ArrayList<>(checked.size());
        for (int i = 0; i < checked.size(); i++) {
            results.add(null);
        }
        refused.forEach((index, error) -> results.set(index, refusal.apply(index, error)));
        for (O outcome : outcomes) {
            int index = positions.get(indexOf.applyAsInt(outcome));
            results.set(index, answer.apply(index, outcome));
        }
        return List.copyOf(results);
    }
}
