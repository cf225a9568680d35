package io.copilot.metrics.costs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.copilot.metrics.api.BadUserInputException;
import io.copilot.metrics.api.Cursor;

class CostCursorTest {

    private final Cursor cursors = new Cursor("test key".getBytes(StandardCharsets.UTF_8));

    @Test
    void positionsKeepMicroseconds() throws Exception {
        CostCursor position = new CostCursor(OffsetDateTime.parse("2026-03-05T00:00:00.123456Z"), UUID.randomUUID());
        assertThat(CostCursor.parse(position.encode(cursors), cursors)).isEqualTo(position);
        assertThat(CostCursor.parse(null, cursors)).isNull();
    }

    @Test
    void anythingElseIsBadInput() {
        for (String forged : List.of("bm90LWEtY3Vyc29y", cursors.encode(List.of("abc", UUID.randomUUID().toString())),
                cursors.encode(List.of("1", "not-a-uuid")), cursors.encode(List.of("1", "1-1-1-1-1")), "")) {
            assertThatThrownBy(() -> CostCursor.parse(forged, cursors)).as(forged)
                    .isInstanceOf(BadUserInputException.class).hasMessageContaining("'after'");
        }
    }
}
