package io.trustgate.benchmarks;

import io.trustgate.api.ApiKey;
import io.trustgate.api.Tier;
import io.trustgate.gateway.Authenticator;
import io.trustgate.store.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Finding the caller's key, over a real {@link SqliteStore} in a temp directory: {@link Authenticator#authenticate}
 * with the key in its cache (what nearly every request pays: parse the header, SHA-256 the key, read the keys
 * version, a map hit), and {@link SqliteStore#findByHash} directly (what a cache miss adds: the point query).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED") // sqlite-jdbc loads native code
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class KeyLookupBenchmark {
    private static final String KEY = "tg-3f9a1c0be7d24e5f8a6b9c2d1e0f4a7b5c8d9e2f1a3b4c6d";

    private Path dir;
    private SqliteStore store;
    private Authenticator auth;
    private String header;
    private String hash;

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("trustgate-jmh-");
        store = SqliteStore.open(dir);
        hash = Authenticator.hash(KEY);
        // A few other keys, so the lookup is an index search rather than a one-row table.
        for (int i = 0; i < 100; i++) {
            store.insert(key("key_" + i, "other-" + i, Authenticator.hash(KEY + i)));
        }
        store.insert(key("key_bench", "bench", hash));
        auth = new Authenticator(store, Map.of("standard", Tier.unlimited("standard")), Clock.systemUTC());
        header = "Bearer " + KEY;
        auth.authenticate(header); // fills the cache
        if (store.findByHash(hash).isEmpty()) {
            throw new IllegalStateException("key not found");
        }
    }

    private static ApiKey key(String id, String name, String hash) {
        return new ApiKey(id, name, "default", "standard", hash, "tg-3f9a", Instant.now(), ApiKey.NEVER, ApiKey.NEVER);
    }

    @TearDown
    public void tearDown() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Benchmark
    public Authenticator.Caller authenticateCached() {
        return auth.authenticate(header);
    }

    @Benchmark
    public Optional<ApiKey> findByHashUncached() {
        return store.findByHash(hash);
    }
}
