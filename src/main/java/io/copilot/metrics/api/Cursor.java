package io.copilot.metrics.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Opaque page positions: the key values of a row in a list's order, joined and base64url
 * encoded, so clients pass them back without reading them.
 */
public final class Cursor {

    private static final String SEPARATOR = "|";

    private Cursor() {
    }

    public static String encode(List<String> keys) {
        String plain = String.join(SEPARATOR, keys);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The keys, or empty when the text is not a cursor of {@code keyCount} keys. */
    public static Optional<List<String>> decode(String cursor, int keyCount) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> keys = Arrays.asList(plain.split("\\" + SEPARATOR, -1));
            return keys.size() == keyCount ? Optional.of(keys) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
