package io.meshwright.engine.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one embedded SQLite database (WAL mode) that holds the registry, designs, deployments and the inventory
 * journal.
 *
 * <p>Why SQLite and these settings: the inventory journal must survive {@code kill -9}; SQLite in WAL mode kept
 * every acknowledged commit in 500 kill trials here ({@code ../shared/research/sqlite.md}), where MapDB lost
 * some. {@code synchronous=NORMAL} keeps every committed transaction across a process kill (0 losses in
 * 500 trials there, and in this project's own 100 registry and lifecycle crash trials) without an fsync per
 * commit, which made each inventory record cost ~4 ms and the apply of 1,000 objects twice kubectl's time.
 * A power loss may drop the last commits (never corrupt the file); the undeploy's label scan still finds any
 * object whose record was lost that way.
 *
 * <p>SQLite allows one writer at a time, so writes are serialised on one connection behind a lock; reads use
 * a small pool of connections and run concurrently with the writer (WAL gives them a snapshot).
 */
public final class Database implements AutoCloseable {

    private static final int READERS = 4;

    private final Path file;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);

    private Database(Path file) throws SQLException {
        this.file = file;
        this.writer = open(file);
        for (int i = 0; i < READERS; i++) {
            readers.add(open(file));
        }
    }

    /** Opens (creating if needed) the database at {@code file}. */
    public static Database open(Path file, List<Migration> migrations) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Database database = new Database(file);
            database.migrate(migrations);
            return database;
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException("cannot open the store at " + file + ": " + e.getMessage(), e);
        }
    }

    private static Connection open(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=NORMAL");
            statement.execute("PRAGMA foreign_keys=ON");
            // A reader that meets a checkpoint waits instead of failing at once.
            statement.execute("PRAGMA busy_timeout=10000");
        }
        return connection;
    }

    public Path file() {
        return file;
    }

    /** Runs {@code work} in one write transaction: committed when it returns, rolled back when it throws. */
    public <T> T write(SqlWork<T> work) {
        writeLock.lock();
        try {
            writer.setAutoCommit(false);
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                writer.rollback();
                throw e;
            } finally {
                writer.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("store write failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code work} on a read connection; it sees the last committed state. */
    public <T> T read(SqlWork<T> work) {
        Connection connection;
        try {
            connection = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a store connection", e);
        }
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("store read failed: " + e.getMessage(), e);
        } finally {
            readers.add(connection);
        }
    }

    private void migrate(List<Migration> migrations) throws SQLException {
        write(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS schema_version (feature TEXT PRIMARY KEY, version INTEGER NOT NULL)");
            }
            for (Migration migration : migrations) {
                if (currentVersion(connection, migration.feature()) >= migration.version()) {
                    continue;
                }
                try (Statement statement = connection.createStatement()) {
                    for (String sql : migration.sql().split(";")) {
                        if (!sql.isBlank()) {
                            statement.execute(sql);
                        }
                    }
                }
                try (PreparedStatement bump = connection.prepareStatement(
                        "INSERT INTO schema_version(feature, version) VALUES (?, ?) "
                                + "ON CONFLICT(feature) DO UPDATE SET version = excluded.version")) {
                    bump.setString(1, migration.feature());
                    bump.setInt(2, migration.version());
                    bump.executeUpdate();
                }
            }
            return null;
        });
    }

    private static int currentVersion(Connection connection, String feature) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT version FROM schema_version WHERE feature = ?")) {
            query.setString(1, feature);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            writer.close();
            for (Connection reader : readers) {
                reader.close();
            }
        } catch (SQLException e) {
            throw new StoreException("closing the store failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }
}
