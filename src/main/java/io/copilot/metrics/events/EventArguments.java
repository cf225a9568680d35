package io.copilot.metrics.events;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.api.Arguments;
import io.copilot.metrics.api.BadUserInputException;
import io.copilot.metrics.config.EventLogConfig;
import io.vertx.core.json.JsonObject;

/**
 * Reads an event into the JSON item the write API takes (usage.record_events), refusing what is
 * not even of its type (an id that is no UUID, control characters). The rules of the event log
 * itself (lengths, categories' data keys, time window, the tenant) are the database's, which
 * answers them per item with the same code.
 */
@ApplicationScoped
public class EventArguments {

    private final Arguments arguments;
    private final EventLogConfig config;

    public EventArguments(Arguments arguments, EventLogConfig config) {
        this.arguments = arguments;
        this.config = config;
    }

    public JsonObject event(EventInput input, String name) throws BadUserInputException {
        return new JsonObject()
                .put("tenantId", uuidText(input.tenantId(), name + ".tenantId"))
                .put("id", text(input.id(), name + ".id"))
                .put("source", text(input.source(), name + ".source"))
                .put("type", text(input.type(), name + ".type"))
                .put("category", input.category().databaseValue())
                .put("severity", (input.severity() != null ? input.severity() : EventSeverity.INFO).databaseValue())
                .put("subject", text(input.subject(), name + ".subject"))
                .put("message", text(input.message(), name + ".message"))
                .put("time", input.time().toString())
                .put("data", jsonObject(input.data(), name + ".data"))
                .put("userId", uuidText(input.userId(), name + ".userId"))
                .put("sessionId", text(input.sessionId(), name + ".sessionId"))
                .put("traceId", text(input.traceId(), name + ".traceId"));
    }

    public void batchSize(List<?> batch, String argument) throws BadUserInputException {
        if (batch.size() > config.maxBatchSize()) {
            throw new BadUserInputException("'" + argument + "' may hold at most " + config.maxBatchSize()
                    + " items, got " + batch.size());
        }
    }

    /** JSON text of an object, parsed; an empty object when absent. */
    public static JsonObject jsonObject(String text, String argument) throws BadUserInputException {
        if (text == null) {
            return new JsonObject();
        }
        try {
            return new JsonObject(text);
        } catch (RuntimeException notAnObject) {
            throw new BadUserInputException("'" + argument + "' must be JSON text of an object, such as {\"key\": 1}");
        }
    }

    /** Free text: no control characters; its length is the database's rule (some fields allow 4096). */
    private static String text(String value, String argument) throws BadUserInputException {
        if (value != null && value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw new BadUserInputException("'" + argument + "' must not contain control characters such as NUL");
        }
        return value;
    }

    private String uuidText(String value, String argument) throws BadUserInputException {
        var parsed = arguments.optionalUuid(value, argument);
        return parsed == null ? null : parsed.toString();
    }
}
