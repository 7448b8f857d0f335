package io.trustgate.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Applies the numbered SQL scripts of {@code migrations/index.txt} that the database has not seen yet, in one
 * transaction, and records them in {@code schema_version}. Scripts use portable SQL so that a PostgreSQL store
 * can run the same files.
 */
final class Migrations {
    private static final String DIR = "/io/trustgate/store/migrations/";

    private Migrations() {}

    static List<String> scripts() {
        return read("index.txt")
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList();
    }

    /**
     * Brings the schema up to date. The version is read and every pending script applied under one write lock
     * ({@code BEGIN IMMEDIATE}, which waits up to the connection's busy timeout), so that two processes opening a
     * fresh data directory at once (a gateway starting while {@code keys create} runs) cannot both apply a script:
     * the second waits, then finds nothing to do.
     */
    static int apply(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            throw new IllegalStateException("migrations take their own transaction; the connection must autocommit");
        }
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
        }
        try {
            int applied = applyLocked(c);
            try (Statement s = c.createStatement()) {
                s.execute("COMMIT");
            }
            return applied;
        } catch (SQLException | RuntimeException e) {
            try (Statement s = c.createStatement()) {
                s.execute("ROLLBACK");
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    private static int applyLocked(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY,"
                    + " script VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
        }
        int current = 0;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            if (rs.next()) {
                current = rs.getInt(1);
            }
        }
        List<String> scripts = scripts();
        if (current > scripts.size()) {
            throw new StoreException(
                    "the database has schema version " + current + " but this Trustgate knows only " + scripts.size()
                            + ": it was written by a newer Trustgate",
                    null);
        }
        for (int v = current + 1; v <= scripts.size(); v++) {
            String name = scripts.get(v - 1);
            try (Statement s = c.createStatement()) {
                for (String stmt : read(name).split(";")) {
                    String sql = stripComments(stmt);
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
                s.execute("INSERT INTO schema_version (version, script, applied_at) VALUES (" + v + ", '" + name + "', "
                        + System.currentTimeMillis() + ")");
            }
        }
        return scripts.size();
    }

    private static String stripComments(String sql) {
        StringBuilder b = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (!line.strip().startsWith("--")) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    private static String read(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new StoreException("migration script missing from the jar: " + name, null);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read migration script " + name, e);
        }
    }
}
