package io.meshwright.engine.design;

import io.meshwright.engine.store.Database;
import io.meshwright.engine.store.Migration;
import io.meshwright.spi.design.Design;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Saved designs with versions, in the engine's SQLite store (feature {@code designs}). A design's identity is its
 * id (the parser derives one from the name when the file has none); saving the same text again returns the
 * current version, and only a changed text makes a new one.
 */
public final class DesignStore {

    /** This feature's schema; pass to {@link Database#open} with the other features' migrations. */
    public static final List<Migration> MIGRATIONS = List.of(new Migration("designs", 1, """
            CREATE TABLE design_versions (
              design_id TEXT NOT NULL,
              version INTEGER NOT NULL,
              name TEXT NOT NULL,
              declared_version TEXT,
              content_hash TEXT NOT NULL,
              text TEXT NOT NULL,
              source TEXT,
              saved_at TEXT NOT NULL,
              PRIMARY KEY (design_id, version)
            );
            CREATE INDEX design_versions_by_name ON design_versions(name)
            """));

    /** What {@link #save} did: the stored version, and whether it is new. */
    public record Saved(StoredDesign design, boolean newVersion) {}

    private static final String COLUMNS = "design_id, version, name, declared_version, content_hash, text, source, saved_at";

    private final Database database;
    private final Clock clock;

    public DesignStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Saves {@code text} (the design's original text) as the design's next version, unless it is unchanged. */
    public Saved save(Design design, String text) {
        String id = design.id() == null ? "name:" + design.name() : design.id();
        String hash = sha256(text);
        return database.write(connection -> {
            Optional<StoredDesign> latest = latest(connection, id);
            if (latest.isPresent() && latest.get().contentHash().equals(hash)) {
                return new Saved(latest.get(), false);
            }
            StoredDesign stored = new StoredDesign(id, design.name(), latest.map(s -> s.version() + 1).orElse(1),
                    design.version(), hash, text, design.source(), clock.instant());
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO design_versions(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, stored.designId());
                insert.setInt(2, stored.version());
                insert.setString(3, stored.name());
                insert.setString(4, stored.declaredVersion());
                insert.setString(5, stored.contentHash());
                insert.setString(6, stored.text());
                insert.setString(7, stored.source());
                insert.setString(8, stored.savedAt().toString());
                insert.executeUpdate();
            }
            return new Saved(stored, true);
        });
    }

    /** The latest version of every design, by name. */
    public List<StoredDesign> list() {
        return database.read(connection -> query(connection, "SELECT " + COLUMNS + " FROM design_versions d "
                + "WHERE version = (SELECT MAX(version) FROM design_versions WHERE design_id = d.design_id) "
                + "ORDER BY name, design_id"));
    }

    /** Every version of a design (by id or name), oldest first. */
    public List<StoredDesign> versions(String nameOrId) {
        return database.read(connection -> {
            Optional<String> id = idFor(connection, nameOrId);
            return id.isEmpty() ? List.of()
                    : query(connection, "SELECT " + COLUMNS + " FROM design_versions WHERE design_id = ? ORDER BY version", id.get());
        });
    }

    /**
     * A design by id or name (an id wins; among designs sharing a name, the most recently saved), at
     * {@code version} or its latest.
     */
    public Optional<StoredDesign> get(String nameOrId, Optional<Integer> version) {
        return database.read(connection -> {
            Optional<String> id = idFor(connection, nameOrId);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            if (version.isEmpty()) {
                return latest(connection, id.get());
            }
            return query(connection, "SELECT " + COLUMNS + " FROM design_versions WHERE design_id = ? AND version = ?",
                    id.get(), version.get()).stream().findFirst();
        });
    }

    private static Optional<String> idFor(Connection connection, String nameOrId) throws SQLException {
        List<StoredDesign> byId = query(connection, "SELECT " + COLUMNS + " FROM design_versions WHERE design_id = ? LIMIT 1", nameOrId);
        if (!byId.isEmpty()) {
            return Optional.of(byId.get(0).designId());
        }
        return query(connection, "SELECT " + COLUMNS + " FROM design_versions WHERE name = ? ORDER BY saved_at DESC, version DESC LIMIT 1",
                nameOrId).stream().findFirst().map(StoredDesign::designId);
    }

    private static Optional<StoredDesign> latest(Connection connection, String id) throws SQLException {
        return query(connection, "SELECT " + COLUMNS + " FROM design_versions WHERE design_id = ? ORDER BY version DESC LIMIT 1", id)
                .stream().findFirst();
    }

    private static List<StoredDesign> query(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<StoredDesign> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(new StoredDesign(rows.getString(1), rows.getString(3), rows.getInt(2), rows.getString(4),
                            rows.getString(5), rows.getString(6), rows.getString(7), Instant.parse(rows.getString(8))));
                }
                return result;
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
