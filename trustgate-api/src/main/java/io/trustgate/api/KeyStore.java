package io.trustgate.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where virtual keys live. Implementations must make a revocation visible to the next lookup. */
public interface KeyStore {
    /** Stores a new key; fails if its name or hash is taken. */
    void insert(ApiKey key);

    /** The key with this hash, revoked and expired ones included. */
    Optional<ApiKey> findByHash(String hash);

    /** Every key, newest first. */
    List<ApiKey> list();

    /** Revokes the key with this id or name; returns it, or empty when no such key exists. */
    Optional<ApiKey> revoke(String idOrName, Instant at);

    /**
     * A value that changes whenever any key is added or changed, by any process sharing this store. Callers may
     * cache keys for as long as it stays the same; reading it must cost nanoseconds, not a query.
     */
    long keysVersion();
}
