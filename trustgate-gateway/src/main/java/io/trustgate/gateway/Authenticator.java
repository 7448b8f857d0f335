package io.trustgate.gateway;

import io.trustgate.api.ApiKey;
import io.trustgate.api.ErrorKind;
import io.trustgate.api.KeyStore;
import io.trustgate.api.Tier;
import io.trustgate.api.TrustgateException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;

/**
 * Turns an {@code Authorization: Bearer ...} header into the calling key and its tier. The key is hashed
 * (SHA-256) and looked up by hash in the store on every request, so a revocation, even by another process
 * sharing the data directory, takes effect on the very next request. The key itself is never kept or logged.
 */
public final class Authenticator {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    });

    private final KeyStore keys;
    private final Map<String, Tier> tiers;
    private final Clock clock;

    public Authenticator(KeyStore keys, Map<String, Tier> tiers, Clock clock) {
        this.keys = keys;
        this.tiers = Map.copyOf(tiers);
        this.clock = clock;
    }

    /** An authenticated caller. */
    public record Caller(ApiKey key, Tier tier) {}

    /** Hex SHA-256 of a key, as stored. */
    public static String hash(String key) {
        byte[] d = SHA256.get().digest(key.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d);
    }

    public Caller authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new TrustgateException(
                    ErrorKind.AUTHENTICATION,
                    "You didn't provide an API key. Send it as 'Authorization: Bearer YOUR_KEY'; create one with"
                            + " 'trustgate keys create --name NAME'.",
                    "",
                    "missing_api_key");
        }
        String a = authorization.strip();
        if (a.length() < 7 || !a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new TrustgateException(
                    ErrorKind.AUTHENTICATION,
                    "The Authorization header must be 'Bearer YOUR_KEY'.",
                    "",
                    "invalid_api_key");
        }
        String key = a.substring(7).strip();
        if (key.isEmpty() || key.length() > 512) {
            throw invalid();
        }
        ApiKey k = keys.findByHash(hash(key)).orElseThrow(Authenticator::invalid);
        if (!k.activeAt(clock.instant())) {
            throw new TrustgateException(
                    ErrorKind.AUTHENTICATION,
                    k.revoked() ? "This API key has been revoked." : "This API key has expired.",
                    "",
                    "invalid_api_key");
        }
        Tier tier = tiers.get(k.tier());
        if (tier == null) {
            throw new TrustgateException(
                    ErrorKind.PERMISSION_DENIED,
                    "This key's tier '" + k.tier() + "' is not in the gateway's configuration; ask the operator.",
                    "",
                    "tier_not_configured");
        }
        return new Caller(k, tier);
    }

    private static TrustgateException invalid() {
        return new TrustgateException(ErrorKind.AUTHENTICATION, "Incorrect API key provided.", "", "invalid_api_key");
    }
}
