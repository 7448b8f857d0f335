package io.trustgate.store;

import io.trustgate.api.ApiKey;
import io.trustgate.api.KeyStore;
import io.trustgate.api.Usage;
import io.trustgate.api.UsageRecord;
import io.trustgate.api.UsageStore;
import io.trustgate.api.UsageSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded store: one SQLite file in the data directory, in WAL mode so that readers never wait for the
 * writer. Writes go through one connection under a lock; each reading thread has its own connection, which makes
 * a key lookup a point query of a few microseconds with no contention (and makes a revocation by another process
 * visible to the very next lookup).
 */
public final class SqliteStore implements KeyStore, UsageStore, AutoCloseable {
    public static final String FILE_NAME = "trustgate.db";

    private final String url;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final List<Connection> readers = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Connection> reader = new ThreadLocal<>();
    // The key lookup runs on every request: keep its statement prepared per reading thread.
    private final ThreadLocal<PreparedStatement> findByHash = new ThreadLocal<>();
    private volatile boolean closed;
    private final KeysVersion keysVersion;

    private SqliteStore(Path file) throws SQLException {
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
        this.writer = open();
        Migrations.apply(writer);
        this.keysVersion = KeysVersion.open(file.resolveSibling(KeysVersion.FILE_NAME));
    }

    /** Opens (creating if needed) the store in the given data directory and brings its schema up to date. */
    public static SqliteStore open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            return new SqliteStore(dataDir.resolve(FILE_NAME));
        } catch (java.io.IOException e) {
            throw new StoreException(
                    "cannot create data directory " + dataDir + ": " + io.trustgate.api.IoReason.of(e), e);
        } catch (SQLException e) {
            throw new StoreException("cannot open store in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private Connection open() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=5000");
            walMode(s);
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA foreign_keys=ON");
        }
        return c;
    }

    /**
     * Switches to WAL. On a fresh file another opener (a gateway starting while {@code keys create} runs) may hold a
     * lock, and SQLite answers that switch SQLITE_BUSY at once rather than through the busy timeout: retried for as
     * long as the timeout.
     */
    private static void walMode(Statement s) throws SQLException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                s.execute("PRAGMA journal_mode=WAL");
                return;
            } catch (SQLException e) {
                if ((e.getErrorCode() & 0xff) != SQLITE_BUSY || System.nanoTime() - deadline > 0) {
                    throw e;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while opening the store", e);
            }
        }
    }

    private static final int SQLITE_BUSY = 5;

    private Connection reader() throws SQLException {
        if (closed) {
            throw new StoreException("store is closed", null);
        }
        Connection c = reader.get();
        if (c == null) {
            c = open();
            reader.set(c);
            readers.add(c);
        }
        return c;
    }

    // ---- keys

    @Override
    public void insert(ApiKey k) {
        writeLock.lock();
        try (PreparedStatement ps = writer.prepareStatement(
                "INSERT INTO api_keys (id, name, tenant, tier, key_hash, key_prefix, created_at, expires_at, revoked_at)"
                        + " VALUES (?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, k.id());
            ps.setString(2, k.name());
            ps.setString(3, k.tenant());
            ps.setString(4, k.tier());
            ps.setString(5, k.hash());
            ps.setString(6, k.prefix());
            ps.setLong(7, k.createdAt().toEpochMilli());
            setInstant(ps, 8, k.expiresAt());
            setInstant(ps, 9, k.revokedAt());
            ps.executeUpdate();
            keysVersion.bump();
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("UNIQUE")) {
                throw new IllegalArgumentException("a key named '" + k.name() + "' already exists", e);
            }
            throw new StoreException("cannot store key " + k.id() + ": " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Optional<ApiKey> findByHash(String hash) {
        try {
            PreparedStatement ps = findByHash.get();
            if (ps == null) {
                ps = reader().prepareStatement("SELECT * FROM api_keys WHERE key_hash = ?");
                findByHash.set(ps);
            }
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(key(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot look up key: " + e.getMessage(), e);
        }
    }

    @Override
    public List<ApiKey> list() {
        try (PreparedStatement ps = reader().prepareStatement("SELECT * FROM api_keys ORDER BY created_at DESC, id");
                ResultSet rs = ps.executeQuery()) {
            List<ApiKey> out = new ArrayList<>();
            while (rs.next()) {
                out.add(key(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot list keys: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ApiKey> revoke(String idOrName, Instant at) {
        writeLock.lock();
        boolean byId;
        try {
            // an id first, a name only when no id matches: a key named after another key's id must not take
            // that key with it
            byId = revokeWhere("id", idOrName, at) > 0;
            if (!byId && revokeWhere("name", idOrName, at) == 0) {
                return Optional.empty();
            }
            keysVersion.bump();
        } catch (SQLException e) {
            throw new StoreException("cannot revoke key: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
        return list().stream()
                .filter(k -> byId ? k.id().equals(idOrName) : k.name().equals(idOrName))
                .findFirst();
    }

    private int revokeWhere(String column, String value, Instant at) throws SQLException {
        try (PreparedStatement ps = writer.prepareStatement(
                "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE " + column + " = ?")) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, value);
            return ps.executeUpdate();
        }
    }

    @Override
    public long keysVersion() {
        return keysVersion.read();
    }

    private static ApiKey key(ResultSet rs) throws SQLException {
        return new ApiKey(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("tenant"),
                rs.getString("tier"),
                rs.getString("key_hash"),
                rs.getString("key_prefix"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                instant(rs, "expires_at"),
                instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? ApiKey.NEVER : Instant.ofEpochMilli(v);
    }

    private static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t.equals(ApiKey.NEVER)) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, t.toEpochMilli());
        }
    }

    // ---- usage

    @Override
    public void append(List<UsageRecord> batch) {
        if (batch.isEmpty()) {
            return;
        }
        writeLock.lock();
        try {
            writer.setAutoCommit(false);
            try (PreparedStatement ps = writer.prepareStatement(
                    "INSERT INTO usage_records (at_ms, request_id, key_id,"
                            + " tenant, tier, model_requested, model_served, provider, prompt_tokens, completion_tokens,"
                            + " cost_micros, latency_us, status, error_code, attempts) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                for (UsageRecord r : batch) {
                    ps.setLong(1, r.time().toEpochMilli());
                    ps.setString(2, r.requestId());
                    ps.setString(3, r.keyId());
                    ps.setString(4, r.tenant());
                    ps.setString(5, r.tier());
                    ps.setString(6, r.modelRequested());
                    ps.setString(7, r.modelServed());
                    ps.setString(8, r.provider());
                    ps.setLong(9, r.usage().promptTokens());
                    ps.setLong(10, r.usage().completionTokens());
                    ps.setLong(11, r.costMicros());
                    ps.setLong(12, r.latencyMicros());
                    ps.setInt(13, r.status());
                    ps.setString(14, r.errorCode());
                    ps.setInt(15, r.attempts());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            writer.commit();
        } catch (SQLException e) {
            try {
                writer.rollback();
            } catch (SQLException ignored) {
                // the original failure is what matters
            }
            throw new StoreException("cannot append " + batch.size() + " usage records: " + e.getMessage(), e);
        } finally {
            try {
                writer.setAutoCommit(true);
            } catch (SQLException ignored) {
                // connection is broken; the next write reports it
            }
            writeLock.unlock();
        }
    }

    @Override
    public List<UsageSummary> summarize(UsageSummary.GroupBy groupBy, Instant since) {
        String col = switch (groupBy) {
            case KEY -> "key_id";
            case TENANT -> "tenant";
            case MODEL -> "model_requested";
            case STATUS -> "CAST(status AS TEXT)";
        };
        // an error is a status of 400 or more, or an error code: a stream that failed after it started was
        // answered 200 (the client saw that status) and ended with an error event
        String sql = "SELECT " + col + " AS g, COUNT(*),"
                + " SUM(CASE WHEN status >= 400 OR error_code <> '' THEN 1 ELSE 0 END),"
                + " SUM(prompt_tokens), SUM(completion_tokens), SUM(cost_micros), AVG(latency_us), MAX(latency_us)"
                + " FROM usage_records WHERE at_ms >= ? GROUP BY g ORDER BY g";
        try (PreparedStatement ps = reader().prepareStatement(sql)) {
            ps.setLong(1, since.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                List<UsageSummary> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new UsageSummary(
                            rs.getString(1),
                            rs.getLong(2),
                            rs.getLong(3),
                            rs.getLong(4),
                            rs.getLong(5),
                            rs.getLong(6),
                            Math.round(rs.getDouble(7)),
                            rs.getLong(8)));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot summarise usage: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Spend> spendByKeySince(Instant since) {
        String sql = "SELECT key_id, SUM(prompt_tokens + completion_tokens), SUM(cost_micros) FROM usage_records"
                + " WHERE at_ms >= ? GROUP BY key_id";
        try (PreparedStatement ps = reader().prepareStatement(sql)) {
            ps.setLong(1, since.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                Map<String, Spend> out = new HashMap<>();
                while (rs.next()) {
                    out.put(rs.getString(1), new Spend(rs.getLong(2), rs.getLong(3)));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read spend: " + e.getMessage(), e);
        }
    }

    /** Records of one request id, oldest first (for tests and support). */
    public List<UsageRecord> usageOf(String requestId) {
        try (PreparedStatement ps =
                reader().prepareStatement("SELECT * FROM usage_records WHERE request_id = ? ORDER BY id")) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                List<UsageRecord> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new UsageRecord(
                            Instant.ofEpochMilli(rs.getLong("at_ms")),
                            rs.getString("request_id"),
                            rs.getString("key_id"),
                            rs.getString("tenant"),
                            rs.getString("tier"),
                            rs.getString("model_requested"),
                            rs.getString("model_served"),
                            rs.getString("provider"),
                            new Usage(rs.getLong("prompt_tokens"), rs.getLong("completion_tokens")),
                            rs.getLong("cost_micros"),
                            rs.getLong("latency_us"),
                            rs.getInt("status"),
                            rs.getString("error_code"),
                            rs.getInt("attempts")));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read usage: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        writeLock.lock();
        try {
            for (Connection c : readers) {
                closeQuietly(c);
            }
            closeQuietly(writer);
            keysVersion.close();
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing: nothing left to do with it
        }
    }
}
