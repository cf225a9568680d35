package io.copilot.metrics.api;

/**
 * What an error message may repeat of the caller's input: a short prefix, with control
 * characters shown as '?', so a 8 KB header or a NUL byte never comes back verbatim.
 */
public final class Echo {

    static final int MAX_CHARS = 40;

    private Echo() {
    }

    public static String of(String input) {
        if (input == null) {
            return "null";
        }
        String prefix = input.length() > MAX_CHARS ? input.substring(0, MAX_CHARS) + "…" : input;
        StringBuilder shown = new StringBuilder(prefix.length());
        prefix.codePoints().forEach(c -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return shown.toString();
    }
}
