package io.copilot.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void keysSurviveTheRoundTripAndStayOpaque() {
        String cursor = Cursor.encode(List.of("1741564800000000", "cccccccc-0000-4000-8000-0000000011c1"));
        assertThat(cursor).doesNotContain("cccccccc").matches("[A-Za-z0-9_-]+");
        assertThat(Cursor.decode(cursor, 2)).contains(List.of("1741564800000000", "cccccccc-0000-4000-8000-0000000011c1"));
    }

    @Test
    void textThatIsNotACursorOfTheExpectedShapeIsRefused() {
        assertThat(Cursor.decode("not base64 ***", 2)).isEmpty();
        assertThat(Cursor.decode(Cursor.encode(List.of("only-one")), 2)).isEmpty();
        assertThat(Cursor.decode(Cursor.encode(List.of("a", "b", "c")), 2)).isEmpty();
    }
}
