package io.meshwright.engine.registry;

import io.meshwright.engine.registry.Entities.ComponentEntity;
import io.meshwright.engine.registry.Entities.ModelEntity;
import io.meshwright.engine.registry.Entities.PackageUnit;
import io.meshwright.engine.registry.Entities.RelationshipEntity;
import io.meshwright.engine.registry.ImportReport.Entry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Stores one {@link PackageUnit} on a connection the caller holds a transaction on, by content key: a new key
 * is inserted, a known key with another hash is replaced in place, a known key with the same hash is left
 * alone. With {@code write == false} it only reads, and reports what it would have done (dry run).
 */
final class UnitWriter {

    /** What happened to each entity of a unit. */
    record Outcome(List<Entry> created, List<Entry> updated, List<Entry> unchanged) {
        Outcome() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    private enum Change { CREATED, UPDATED, UNCHANGED }

    Outcome apply(Connection connection, PackageUnit unit, boolean write, String now) throws SQLException {
        Outcome outcome = new Outcome();
        ModelEntity model = unit.model();
        long[] modelId = {-1};
        Change change = upsertModel(connection, model, write, now, modelId);
        record(outcome, change, new Entry(EntityKind.MODEL, model.label(), model.location()));
        for (ComponentEntity component : unit.components()) {
            Change c = modelId[0] < 0 ? Change.CREATED : upsertComponent(connection, modelId[0], model, component, write);
            record(outcome, c, new Entry(EntityKind.COMPONENT, component.label(model), component.location()));
        }
        for (RelationshipEntity relationship : unit.relationships()) {
            Change c = modelId[0] < 0 ? Change.CREATED : upsertRelationship(connection, modelId[0], model, relationship, write);
            record(outcome, c, new Entry(EntityKind.RELATIONSHIP, relationship.label(model), relationship.location()));
        }
        return outcome;
    }

    private static void record(Outcome outcome, Change change, Entry entry) {
        switch (change) {
            case CREATED -> outcome.created().add(entry);
            case UPDATED -> outcome.updated().add(entry);
            case UNCHANGED -> outcome.unchanged().add(entry);
        }
    }

    private Change upsertModel(Connection connection, ModelEntity m, boolean write, String now, long[] id) throws SQLException {
        String search = (m.name() + "\n" + m.displayName()).toLowerCase(Locale.ROOT);
        try (PreparedStatement find = connection.prepareStatement("SELECT id, hash FROM registry_model WHERE key = ?")) {
            find.setString(1, m.key());
            try (ResultSet row = find.executeQuery()) {
                if (row.next()) {
                    id[0] = row.getLong(1);
                    if (row.getString(2).equals(m.hash())) {
                        return Change.UNCHANGED;
                    }
                    if (write) {
                        try (PreparedStatement update = connection.prepareStatement("UPDATE registry_model SET display_name = ?, "
                                + "category = ?, schema_version = ?, search = ?, hash = ?, document = ?, updated_at = ? WHERE id = ?")) {
                            bind(update, m.displayName(), m.category(), m.schemaVersion(), search, m.hash(), m.document(), now, id[0]);
                            update.executeUpdate();
                        }
                    }
                    return Change.UPDATED;
                }
            }
        }
        if (write) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO registry_model (key, registrant, name, version, "
                    + "upstream_version, display_name, category, status, schema_version, search, hash, document, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(insert, m.key(), m.registrant(), m.name(), m.version(), m.upstreamVersion(), m.displayName(), m.category(),
                        m.status(), m.schemaVersion(), search, m.hash(), m.document(), now, now);
                insert.executeUpdate();
                id[0] = lastId(connection);
            }
        }
        return Change.CREATED;
    }

    private Change upsertComponent(Connection connection, long modelId, ModelEntity m, ComponentEntity c, boolean write)
            throws SQLException {
        Long existing = null;
        try (PreparedStatement find = connection.prepareStatement("SELECT id, hash FROM registry_component WHERE key = ?")) {
            find.setString(1, c.key());
            try (ResultSet row = find.executeQuery()) {
                if (row.next()) {
                    if (row.getString(2).equals(c.hash())) {
                        return Change.UNCHANGED;
                    }
                    existing = row.getLong(1);
                }
            }
        }
        if (!write) {
            return existing == null ? Change.CREATED : Change.UPDATED;
        }
        String search = (c.kind() + "\n" + c.displayName() + "\n" + m.name()).toLowerCase(Locale.ROOT);
        if (existing != null) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE registry_component SET display_name = ?, "
                    + "namespaced = ?, status = ?, schema_version = ?, search = ?, hash = ? WHERE id = ?");
                 PreparedStatement document = connection.prepareStatement(
                         "UPDATE registry_component_document SET document = ? WHERE component_id = ?")) {
                bind(update, c.displayName(), c.namespaced() ? 1 : 0, c.status(), c.schemaVersion(), search, c.hash(), existing);
                update.executeUpdate();
                bind(document, c.document(), existing);
                document.executeUpdate();
            }
            return Change.UPDATED;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO registry_component (key, model_id, model_name, "
                + "registrant, api_version, grp, ver, kind, display_name, namespaced, version, status, schema_version, search, hash) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement document = connection.prepareStatement(
                     "INSERT INTO registry_component_document (component_id, document) VALUES (?, ?)")) {
            bind(insert, c.key(), modelId, m.name(), m.registrant(), c.apiVersion(), c.group(), c.groupVersion(), c.kind(),
                    c.displayName(), c.namespaced() ? 1 : 0, c.version(), c.status(), c.schemaVersion(), search, c.hash());
            insert.executeUpdate();
            bind(document, lastId(connection), c.document());
            document.executeUpdate();
        }
        return Change.CREATED;
    }

    private Change upsertRelationship(Connection connection, long modelId, ModelEntity m, RelationshipEntity r, boolean write)
            throws SQLException {
        Long existing = null;
        try (PreparedStatement find = connection.prepareStatement("SELECT id, hash FROM registry_relationship WHERE key = ?")) {
            find.setString(1, r.key());
            try (ResultSet row = find.executeQuery()) {
                if (row.next()) {
                    if (row.getString(2).equals(r.hash())) {
                        return Change.UNCHANGED;
                    }
                    existing = row.getLong(1);
                }
            }
        }
        if (!write) {
            return existing == null ? Change.CREATED : Change.UPDATED;
        }
        String search = (r.kind() + "\n" + r.type() + "\n" + r.subType() + "\n" + m.name()).toLowerCase(Locale.ROOT);
        long id;
        if (existing != null) {
            id = existing;
            try (PreparedStatement update = connection.prepareStatement("UPDATE registry_relationship SET status = ?, "
                    + "schema_version = ?, search = ?, hash = ?, document = ? WHERE id = ?");
                 PreparedStatement kinds = connection.prepareStatement("DELETE FROM registry_relationship_kind WHERE relationship_id = ?")) {
                bind(update, r.status(), r.schemaVersion(), search, r.hash(), r.document(), id);
                update.executeUpdate();
                kinds.setLong(1, id);
                kinds.executeUpdate();
            }
        } else {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO registry_relationship (key, model_id, model_name, "
                    + "kind, type, sub_type, from_kinds, to_kinds, status, version, schema_version, search, hash, document) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(insert, r.key(), modelId, m.name(), r.kind(), r.type(), r.subType(), String.join(",", r.fromKinds()),
                        String.join(",", r.toKinds()), r.status(), r.version(), r.schemaVersion(), search, r.hash(), r.document());
                insert.executeUpdate();
                id = lastId(connection);
            }
        }
        LinkedHashSet<String> kinds = new LinkedHashSet<>(r.fromKinds());
        kinds.addAll(r.toKinds());
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT OR IGNORE INTO registry_relationship_kind (kind, relationship_id) VALUES (?, ?)")) {
            for (String kind : kinds) {
                bind(insert, kind, id);
                insert.executeUpdate();
            }
        }
        return existing == null ? Change.CREATED : Change.UPDATED;
    }

    static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }

    private static long lastId(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT last_insert_rowid()");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
