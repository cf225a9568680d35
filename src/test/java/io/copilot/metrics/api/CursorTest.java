package io.copilot.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class CursorTest {

    private final Cursor cursors = new Cursor("a key from configuration".getBytes(StandardCharsets.UTF_8));

    @Test
    void keysSurviveTheRoundTripAndStayOpaque() {
        String cursor = cursors.encode(List.of("1741564800000000", "cccccccc-0000-4000-8000-0000000011c1"));
        assertThat(cursor).doesNotContain("cccccccc").matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(cursors.decode(cursor, 2)).contains(List.of("1741564800000000", "cccccccc-0000-4000-8000-0000000011c1"));
    }

    @Test
    void textThatIsNotACursorOfTheExpectedShapeIsRefused() {
        assertThat(cursors.decode("not base64 ***", 2)).isEmpty();
        assertThat(cursors.decode(cursors.encode(List.of("only-one")), 2)).isEmpty();
        assertThat(cursors.decode(cursors.encode(List.of("a", "b", "c")), 2)).isEmpty();
        assertThat(cursors.decode("x".repeat(10_000), 2)).isEmpty();
    }

    @Test
    void anEditedOrSelfMadeCursorFailsTheSignature() {
        String genuine = cursors.encode(List.of("1741564800000000", "cccccccc-0000-4000-8000-0000000011c1"));
        String payload = genuine.substring(0, genuine.indexOf('.'));
        String signature = genuine.substring(genuine.indexOf('.') + 1);
        String edited = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("1741564800000001|cccccccc-0000-4000-8000-0000000011c1".getBytes(StandardCharsets.UTF_8));

        assertThat(cursors.decode(edited + "." + signature, 2)).isEmpty();
        assertThat(cursors.decode(payload, 2)).as("unsigned").isEmpty();
        assertThat(cursors.decode(payload + ".", 2)).as("empty signature").isEmpty();
        assertThat(new Cursor("another instance's key".getBytes(StandardCharsets.UTF_8)).decode(genuine, 2))
                .as("signed under another key").isEmpty();
    }

    @Test
    void everySignatureIsTheKeyedHmacOfItsOwnPayloadWhicheverThreadSignsAndWhatItSignedBefore() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> mismatches = IntStream.range(0, 400).mapToObj(i -> threads.submit(() -> {
                String keys = i + "|cccccccc-0000-4000-8000-" + String.format("%012d", i);
                String cursor = cursors.encode(List.of(keys.split("\\|")));
                String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(keys));
                return cursor.endsWith("." + expected) && cursors.decode(cursor, 2).isPresent() ? "" : cursor;
            })).toList();
            for (Future<String> mismatch : mismatches) {
                assertThat(mismatch.get()).as("a cursor whose signature is not its payload's HMAC").isEmpty();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static byte[] hmac(String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("a key from configuration".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Arrays.copyOf(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)), 16);
    }
}
