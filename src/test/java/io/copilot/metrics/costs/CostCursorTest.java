package io.copilot.metrics.costs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.copilot.metrics.api.BadUserInputException;
import io.copilot.metrics.api.Cursor;

class CostCursorTest {

    @Test
    void positionsKeepMicroseconds() throws Exception {
        CostCursor position = new CostCursor(OffsetDateTime.parse("2026-03-05T00:00:00.123456Z"), UUID.randomUUID());
        assertThat(CostCursor.parse(position.encode())).isEqualTo(position);
        assertThat(CostCursor.parse(null)).isNull();
    }

    @Test
    void anythingElseIsBadInput() {
        for (String forged : List.of("bm90LWEtY3Vyc29y", Cursor.encode(List.of("abc", UUID.randomUUID().toString())),
                Cursor.encode(List.of("1", "not-a-uuid")), "")) {
            assertThatThrownBy(() -> CostCursor.parse(forged)).as(forged).isInstanceOf(BadUserInputException.class)
                    .hasMessageContaining("'after'");
        }
    }
}
