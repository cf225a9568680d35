package io.copilot.metrics.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

import io.vertx.core.json.JsonObject;

/**
 * The key pair the service signs and verifies its own tokens with where no identity provider
 * runs: dev mode without a container engine (dev.LocalDevConfigSourceFactory) and the AOT
 * cache's training run in an image build (health.StartupTrainingRun). Generated in memory on
 * first use and never written anywhere; kept in system properties so that every class loader of
 * a dev-mode JVM (and every live reload) sees the same pair.
 */
public final class LocalSigningKey {

    private static final String PUBLIC_PROPERTY = "copilot.metrics.local-signing-key.public";
    private static final String PRIVATE_PROPERTY = "copilot.metrics.local-signing-key.private";

    private LocalSigningKey() {
    }

    /** Creates the pair if this JVM has none yet; returns the public key, base64 X.509. */
    public static String publicKey() {
        synchronized (System.getProperties()) {
            if (System.getProperty(PUBLIC_PROPERTY) == null) {
                KeyPair pair = newKeyPair();
                System.setProperty(PUBLIC_PROPERTY, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
                System.setProperty(PRIVATE_PROPERTY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            }
            return System.getProperty(PUBLIC_PROPERTY);
        }
    }

    /** The private key, present only when this JVM verifies tokens with this pair. */
    public static Optional<PrivateKey> privateKey() {
        String encoded = System.getProperty(PRIVATE_PROPERTY);
        if (encoded == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(encoded))));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("unreadable local signing key", e);
        }
    }

    /** A compact RS256 JWT of {@code claims}. */
    public static String sign(JsonObject claims, PrivateKey key) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = base64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + base64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh 2048-bit RSA pair (RS256 signing). */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
