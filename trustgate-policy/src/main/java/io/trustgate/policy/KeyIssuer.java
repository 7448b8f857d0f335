package io.trustgate.policy;

import io.trustgate.api.ApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Issues virtual API keys: {@code sk-tg-} followed by 43 base62 characters (256 bits from {@link SecureRandom}),
 * a shape secret scanners recognise. Only the SHA-256 hash and a short display prefix are kept; the key itself is
 * returned once, to be shown once.
 */
public final class KeyIssuer {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    public static final String PREFIX = "sk-tg-";

    private final SecureRandom random = new SecureRandom();

    /** A new key: the secret (show it once) and the record to store. */
    public record Issued(String secret, ApiKey key) {
        @Override
        public String toString() {
            return "Issued[key=" + key + "]"; // never the secret
        }
    }

    public Issued issue(String name, String tenant, String tier, Instant now, Instant expiresAt) {
        StringBuilder b = new StringBuilder(PREFIX);
        for (int i = 0; i < 43; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        String secret = b.toString();
        byte[] idBytes = new byte[8];
        random.nextBytes(idBytes);
        String id = "key_" + HexFormat.of().formatHex(idBytes);
        ApiKey key = new ApiKey(
                id,
                name,
                tenant,
                tier,
                sha256(secret),
                secret.substring(0, PREFIX.length() + 4),
                now,
                expiresAt,
                ApiKey.NEVER);
        return new Issued(secret, key);
    }

    /** Hex SHA-256, as keys are stored and looked up. */
    public static String sha256(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }
}
