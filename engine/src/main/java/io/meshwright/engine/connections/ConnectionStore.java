package io.meshwright.engine.connections;

import io.meshwright.engine.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Connections, persisted in the engine's store. */
public final class ConnectionStore {

    private final Database database;

    public ConnectionStore(Database database) {
        this.database = database;
    }

    /** Stores a new connection; empty when the name is taken. */
    public Optional<Connection> add(String type, String name, String url, Instant at, String version) {
        return database.write(connection -> {
            if (find(connection, name).isPresent()) {
                return Optional.<Connection>empty();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO connections(type, name, url, created_at, version) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, type);
                insert.setString(2, name);
                insert.setString(3, url);
                insert.setString(4, at.toString());
                insert.setString(5, version);
                insert.executeUpdate();
            }
            return find(connection, name);
        });
    }

    public List<Connection> list() {
        return database.read(connection -> {
            List<Connection> all = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT * FROM connections ORDER BY id");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    all.add(row(rows));
                }
            }
            return all;
        });
    }

    /** Every connection of {@code type}. */
    public List<Connection> ofType(String type) {
        return list().stream().filter(c -> c.type().equals(type)).toList();
    }

    /** Removes the connection with this id or name; empty when there is none. */
    public Optional<Connection> remove(String idOrName) {
        return database.write(connection -> {
            Optional<Connection> found = find(connection, idOrName);
            if (found.isEmpty() && idOrName.matches("\\d{1,18}")) {
                found = byId(connection, Long.parseLong(idOrName));
            }
            if (found.isPresent()) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM connections WHERE id = ?")) {
                    delete.setLong(1, found.get().id());
                    delete.executeUpdate();
                }
            }
            return found;
        });
    }

    private static Optional<Connection> find(java.sql.Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM connections WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(row(rows)) : Optional.empty();
            }
        }
    }

    private static Optional<Connection> byId(java.sql.Connection connection, long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM connections WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(row(rows)) : Optional.empty();
            }
        }
    }

    private static Connection row(ResultSet rows) throws SQLException {
        return new Connection(rows.getLong("id"), rows.getString("type"), rows.getString("name"), rows.getString("url"),
                Instant.parse(rows.getString("created_at")), rows.getString("version"));
    }
}
