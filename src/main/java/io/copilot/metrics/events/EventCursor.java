package io.copilot.metrics.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.copilot.metrics.api.BadUserInputException;
import io.copilot.metrics.api.Cursor;
import io.copilot.metrics.costs.CostCursor;

/** Position in the events' order (newest first: time, then id, both descending). */
record EventCursor(OffsetDateTime time, UUID id) {

    static EventCursor of(Event event) {
        return new EventCursor(event.time(), UUID.fromString(event.id()));
    }

    String encode(Cursor codec) {
        return new CostCursor(time, id).encode(codec);
    }

    /** The cursor in {@code after}, or null when absent; BAD_USER_INPUT when it is not a cursor this service wrote. */
    static EventCursor parse(String after, Cursor codec) throws BadUserInputException {
        try {
            CostCursor position = CostCursor.parse(after, codec);
            return position == null ? null : new EventCursor(position.occurredAt(), position.id());
        } catch (BadUserInputException notOurs) {
            throw new BadUserInputException("'after' is not a cursor returned by events");
        }
    }
}
