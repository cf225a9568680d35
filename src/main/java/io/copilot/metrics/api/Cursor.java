package io.copilot.metrics.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.copilot.metrics.config.ApiConfig;

/**
 * Opaque, tamper-evident page positions: the key values of a row in a list's order, joined,
 * base64url encoded and signed with an HMAC under the configured key. A client passes them back
 * without reading them; one it edited or built itself fails the signature and is refused.
 */
@ApplicationScoped
public class Cursor {

    private static final Logger LOG = Logger.getLogger(Cursor.class);
    private static final String SEPARATOR = "|";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int SIGNATURE_BYTES = 16;
    private static final int MAX_CHARS = 512;

    private final SecretKeySpec key;
    // one initialised Mac per thread: looking one up in the JCA providers and keying it cost more
    // than signing (a page signs one cursor per edge); doFinal leaves it ready for the next
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::keyedMac);

    @Inject
    public Cursor(ApiConfig api) {
        this(api.cursorKey().map(text -> text.getBytes(StandardCharsets.UTF_8)).orElseGet(Cursor::instanceKey));
    }

    public Cursor(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    private static byte[] instanceKey() {
        LOG.info("No cursor key configured (CURSOR_KEY): page cursors are valid on this instance until it stops");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }

    public String encode(List<String> keys) {
        byte[] plain = String.join(SEPARATOR, keys).getBytes(StandardCharsets.UTF_8);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(plain) + "." + base64.encodeToString(signature(plain));
    }

    /** The keys, or empty when the text is not a cursor of {@code keyCount} keys signed by this service. */
    public Optional<List<String>> decode(String cursor, int keyCount) {
        if (cursor.length() > MAX_CHARS) {
            return Optional.empty();
        }
        int dot = cursor.indexOf('.');
        try {
            byte[] plain = Base64.getUrlDecoder().decode(cursor.substring(0, Math.max(dot, 0)));
            byte[] signature = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
            if (dot < 0 || !MessageDigest.isEqual(signature, signature(plain))) {
                return Optional.empty();
            }
            List<String> keys = Arrays.asList(new String(plain, StandardCharsets.UTF_8).split("\\" + SEPARATOR, -1));
            return keys.size() == keyCount ? Optional.of(keys) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] signature(byte[] plain) {
        return Arrays.copyOf(macs.get().doFinal(plain), SIGNATURE_BYTES);
    }

    private Mac keyedMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
