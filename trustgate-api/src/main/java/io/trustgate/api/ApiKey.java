package io.trustgate.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A virtual API key as stored: never the key itself, only its SHA-256 hash and a short prefix that helps people
 * recognise it in listings.
 *
 * @param id stable public identifier ({@code key_...}), safe to log
 * @param name human name, unique among keys
 * @param tenant the organisation unit the key belongs to ({@code default} when none was given)
 * @param tier the tier whose limits apply
 * @param hash hex SHA-256 of the key
 * @param prefix the first characters of the key, for display
 * @param createdAt creation time
 * @param expiresAt expiry time, {@link #NEVER} when the key does not expire
 * @param revokedAt revocation time, {@link #NEVER} while the key is active
 */
public record ApiKey(
        String id,
        String name,
        String tenant,
        String tier,
        String hash,
        String prefix,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt) {
    public static final Instant NEVER = Instant.MAX;

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        if (name.isBlank() || name.length() > 128) {
            throw new IllegalArgumentException("key name must be 1-128 characters, was '" + name + "'");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            // a line break or a NUL would forge or break the rows of `keys list` and of logs
            throw new IllegalArgumentException("key name must not contain control characters");
        }
    }

    public boolean revoked() {
        return !revokedAt.equals(NEVER);
    }

    /** Whether the key may be used at the given time. */
    public boolean activeAt(Instant now) {
        return !revoked() && now.isBefore(expiresAt);
    }
}
