package io.trustgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustgate.api.ApiKey;
import io.trustgate.api.ErrorKind;
import io.trustgate.api.KeyStore;
import io.trustgate.api.Tier;
import io.trustgate.api.TrustgateException;
import io.trustgate.policy.KeyIssuer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    /** A key store in memory that counts lookups and has a keys version like the SQLite store. */
    static final class MemoryKeys implements KeyStore {
        final List<ApiKey> keys = new ArrayList<>();
        final AtomicInteger lookups = new AtomicInteger();
        long version;

        @Override
        public void insert(ApiKey key) {
            keys.add(key);
            version++;
        }

        @Override
        public Optional<ApiKey> findByHash(String hash) {
            lookups.incrementAndGet();
            return keys.stream().filter(k -> k.hash().equals(hash)).findFirst();
        }

        @Override
        public List<ApiKey> list() {
            return List.copyOf(keys);
        }

        @Override
        public Optional<ApiKey> revoke(String idOrName, Instant at) {
            for (int i = 0; i < keys.size(); i++) {
                ApiKey k = keys.get(i);
                if (k.id().equals(idOrName) || k.name().equals(idOrName)) {
                    ApiKey r = new ApiKey(
                            k.id(),
                            k.name(),
                            k.tenant(),
                            k.tier(),
                            k.hash(),
                            k.prefix(),
                            k.createdAt(),
                            k.expiresAt(),
                            at);
                    keys.set(i, r);
                    version++;
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }

        @Override
        public long keysVersion() {
            return version;
        }
    }

    final MemoryKeys keys = new MemoryKeys();
    final Authenticator auth =
            new Authenticator(keys, Map.of("default", Tier.unlimited("default")), Clock.fixed(NOW, ZoneOffset.UTC));

    String issue(String name, String tier, Instant expires) {
        KeyIssuer.Issued k = new KeyIssuer().issue(name, "t", tier, NOW.minusSeconds(60), expires);
        keys.insert(k.key());
        return k.secret();
    }

    static ErrorKind kindOf(Runnable r) {
        try {
            r.run();
            return null;
        } catch (TrustgateException e) {
            return e.kind();
        }
    }

    @Test
    void acceptsAnActiveKeyAndCachesItUntilKeysChange() {
        String key = issue("a", "default", ApiKey.NEVER);
        assertThat(auth.authenticate("Bearer " + key).key().name()).isEqualTo("a");
        assertThat(auth.authenticate("bearer  " + key + " ").key().name()).isEqualTo("a");
        assertThat(keys.lookups).hasValue(1);
        keys.revoke("a", NOW);
        assertThatThrownBy(() -> auth.authenticate("Bearer " + key))
                .isInstanceOfSatisfying(TrustgateException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
                    assertThat(e.getMessage()).contains("revoked");
                });
    }

    @Test
    void refusesExpiredUnknownAndMalformedCredentials() {
        String expired = issue("old", "default", NOW.minus(Duration.ofMinutes(1)));
        assertThat(kindOf(() -> auth.authenticate("Bearer " + expired))).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(kindOf(() -> auth.authenticate("Bearer sk-tg-nope"))).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(kindOf(() -> auth.authenticate(null))).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(kindOf(() -> auth.authenticate("Basic abc"))).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(kindOf(() -> auth.authenticate("Bearer "))).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(kindOf(() -> auth.authenticate("Bearer " + "x".repeat(600)))).isEqualTo(ErrorKind.AUTHENTICATION);
    }

    @Test
    void unknownHashesAreNotCached() {
        for (int i = 0; i < 3; i++) {
            kindOf(() -> auth.authenticate("Bearer sk-tg-guess"));
        }
        assertThat(keys.lookups).hasValue(3);
    }

    @Test
    void aKeyWhoseTierIsNoLongerConfiguredIsForbidden() {
        String key = issue("g", "gold", ApiKey.NEVER);
        assertThat(kindOf(() -> auth.authenticate("Bearer " + key))).isEqualTo(ErrorKind.PERMISSION_DENIED);
    }

    @Test
    void errorMessagesNeverContainTheKey() {
        String key = issue("s", "default", NOW.minusSeconds(1));
        try {
            auth.authenticate("Bearer " + key);
        } catch (TrustgateException e) {
            assertThat(e.getMessage()).doesNotContain(key);
        }
    }
}
