package io.copilot.metrics.dev;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * The key pair dev mode signs and verifies its own tokens with when no Keycloak can run.
 * Generated in memory on first use and never written anywhere; kept in system properties so
 * that every class loader of a dev-mode JVM (and every live reload) sees the same pair.
 */
public final class DevSigningKey {

    public static final String ISSUER = "copilot-metrics-dev";

    private static final String PUBLIC_PROPERTY = "copilot.metrics.dev.public-key";
    private static final String PRIVATE_PROPERTY = "copilot.metrics.dev.private-key";

    private DevSigningKey() {
    }

    /** Creates the pair if this JVM has none yet; returns the public key, base64 X.509. */
    public static String publicKey() {
        synchronized (System.getProperties()) {
            if (System.getProperty(PUBLIC_PROPERTY) == null) {
                KeyPair pair = generate();
                System.setProperty(PUBLIC_PROPERTY, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
                System.setProperty(PRIVATE_PROPERTY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            }
            return System.getProperty(PUBLIC_PROPERTY);
        }
    }

    /** The private key, present only when dev mode verifies tokens with this pair. */
    public static Optional<PrivateKey> privateKey() {
        String encoded = System.getProperty(PRIVATE_PROPERTY);
        if (encoded == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(encoded))));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("unreadable dev signing key", e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
