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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    /** A stored row's id and content hash, or {@code null} when the key is new. */
    private record Existing(long id, String hash) {}

    private static final String INSERT_MODEL = "INSERT INTO registry_model (key, registrant, name, version, upstream_version, "
            + "display_name, category, status, schema_version, search, hash, document, created_at, updated_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_MODEL = "UPDATE registry_model SET display_name = ?, category = ?, schema_version = ?, "
            + "search = ?, hash = ?, document = ?, updated_at = ? WHERE id = ?";
    private static final String INSERT_COMPONENT = "INSERT INTO registry_component (key, model_id, model_name, registrant, "
            + "api_version, grp, ver, kind, display_name, namespaced, version, status, schema_version, search, hash) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_COMPONENT = "UPDATE registry_component SET display_name = ?, namespaced = ?, status = ?, "
            + "schema_version = ?, search = ?, hash = ? WHERE id = ?";
    private static final String INSERT_COMPONENT_DOCUMENT = "INSERT INTO registry_component_document (component_id, document) VALUES (?, ?)";
    private static final String UPDATE_COMPONENT_DOCUMENT = "UPDATE registry_component_document SET document = ? WHERE component_id = ?";
    private static final String INSERT_RELATIONSHIP = "INSERT INTO registry_relationship (key, model_id, model_name, kind, type, "
            + "sub_type, from_kinds, to_kinds, status, version, schema_version, search, hash, document) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_RELATIONSHIP = "UPDATE registry_relationship SET status = ?, schema_version = ?, search = ?, "
            + "hash = ?, document = ? WHERE id = ?";
    private static final String DELETE_RELATIONSHIP_KINDS = "DELETE FROM registry_relationship_kind WHERE relationship_id = ?";
    private static final String INSERT_RELATIONSHIP_KIND = "INSERT OR IGNORE INTO registry_relationship_kind (kind, relationship_id) VALUES (?, ?)";

    /** Applies whole units in order on one transaction, preparing each statement once for all of them. */
    List<Outcome> applyAll(Connection connection, List<PackageUnit> units, boolean write, String now) throws SQLException {
        try (Statements sql = new Statements(connection)) {
            List<Outcome> outcomes = new ArrayList<>(units.size());
            for (PackageUnit unit : units) {
                outcomes.add(apply(sql, unit, write, now));
            }
            return outcomes;
        }
    }

    private Outcome apply(Statements sql, PackageUnit unit, boolean write, String now) throws SQLException {
        Outcome outcome = new Outcome();
        ModelEntity model = unit.model();
        Existing stored = find(sql, "registry_model", model.key());
        long modelId = stored == null ? -1 : stored.id();
        Change change = change(stored, model.hash());
        if (write && change != Change.UNCHANGED) {
            modelId = writeModel(sql, model, stored, now);
        }
        record(outcome, change, new Entry(EntityKind.MODEL, model.label(), model.location()));
        for (ComponentEntity component : unit.components()) {
            Existing existing = modelId < 0 ? null : find(sql, "registry_component", component.key());
            Change c = change(existing, component.hash());
            if (write && c != Change.UNCHANGED) {
                writeComponent(sql, modelId, model, component, existing);
            }
            record(outcome, c, new Entry(EntityKind.COMPONENT, component.label(model), component.location()));
        }
        for (RelationshipEntity relationship : unit.relationships()) {
            Existing existing = modelId < 0 ? null : find(sql, "registry_relationship", relationship.key());
            Change c = change(existing, relationship.hash());
            if (write && c != Change.UNCHANGED) {
                writeRelationship(sql, modelId, model, relationship, existing);
            }
            record(outcome, c, new Entry(EntityKind.RELATIONSHIP, relationship.label(model), relationship.location()));
        }
        return outcome;
    }

    private static Change change(Existing existing, String hash) {
        return existing == null ? Change.CREATED : existing.hash().equals(hash) ? Change.UNCHANGED : Change.UPDATED;
    }

    private static void record(Outcome outcome, Change change, Entry entry) {
        switch (change) {
            case CREATED -> outcome.created().add(entry);
            case UPDATED -> outcome.updated().add(entry);
            case UNCHANGED -> outcome.unchanged().add(entry);
        }
    }

    private static Existing find(Statements sql, String table, String key) throws SQLException {
        PreparedStatement find = sql.get("SELECT id, hash FROM " + table + " WHERE key = ?");
        find.setString(1, key);
        try (ResultSet row = find.executeQuery()) {
            return row.next() ? new Existing(row.getLong(1), row.getString(2)) : null;
        }
    }

    private static long writeModel(Statements sql, ModelEntity m, Existing stored, String now) throws SQLException {
        String search = (m.name() + "\n" + m.displayName()).toLowerCase(Locale.ROOT);
        if (stored != null) {
            // The status is the user's decision (enable/ignore) and survives re-imports.
            run(sql.get(UPDATE_MODEL), m.displayName(), m.category(), m.schemaVersion(), search, m.hash(), m.document(), now, stored.id());
            return stored.id();
        }
        run(sql.get(INSERT_MODEL), m.key(), m.registrant(), m.name(), m.version(), m.upstreamVersion(), m.displayName(),
                m.category(), m.status(), m.schemaVersion(), search, m.hash(), m.document(), now, now);
        return lastId(sql);
    }

    private static void writeComponent(Statements sql, long modelId, ModelEntity m, ComponentEntity c, Existing existing)
            throws SQLException {
        String search = (c.kind() + "\n" + c.displayName() + "\n" + m.name()).toLowerCase(Locale.ROOT);
        if (existing != null) {
            run(sql.get(UPDATE_COMPONENT), c.displayName(), c.namespaced() ? 1 : 0, c.status(), c.schemaVersion(), search,
                    c.hash(), existing.id());
            run(sql.get(UPDATE_COMPONENT_DOCUMENT), c.document(), existing.id());
            return;
        }
        run(sql.get(INSERT_COMPONENT), c.key(), modelId, m.name(), m.registrant(), c.apiVersion(), c.group(), c.groupVersion(),
                c.kind(), c.displayName(), c.namespaced() ? 1 : 0, c.version(), c.status(), c.schemaVersion(), search, c.hash());
        run(sql.get(INSERT_COMPONENT_DOCUMENT), lastId(sql), c.document());
    }

    private static void writeRelationship(Statements sql, long modelId, ModelEntity m, RelationshipEntity r, Existing existing)
            throws SQLException {
        String search = (r.kind() + "\n" + r.type() + "\n" + r.subType() + "\n" + m.name()).toLowerCase(Locale.ROOT);
        long id;
        if (existing != null) {
            id = existing.id();
            run(sql.get(UPDATE_RELATIONSHIP), r.status(), r.schemaVersion(), search, r.hash(), r.document(), id);
            run(sql.get(DELETE_RELATIONSHIP_KINDS), id);
        } else {
            run(sql.get(INSERT_RELATIONSHIP), r.key(), modelId, m.name(), r.kind(), r.type(), r.subType(),
                    String.join(",", r.fromKinds()), String.join(",", r.toKinds()), r.status(), r.version(), r.schemaVersion(),
                    search, r.hash(), r.document());
            id = lastId(sql);
        }
        LinkedHashSet<String> kinds = new LinkedHashSet<>(r.fromKinds());
        kinds.addAll(r.toKinds());
        for (String kind : kinds) {
            run(sql.get(INSERT_RELATIONSHIP_KIND), kind, id);
        }
    }

    private static void run(PreparedStatement statement, Object... values) throws SQLException {
        bind(statement, values);
        statement.executeUpdate();
    }

    static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }

    private static long lastId(Statements sql) throws SQLException {
        try (ResultSet row = sql.get("SELECT last_insert_rowid()").executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Statements prepared once per unit and reused for each of its entities (an import is write-heavy). */
    private static final class Statements implements AutoCloseable {
        private final Connection connection;
        private final Map<String, PreparedStatement> prepared = new HashMap<>();

        Statements(Connection connection) {
            this.connection = connection;
        }

        PreparedStatement get(String sql) throws SQLException {
            PreparedStatement statement = prepared.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                prepared.put(sql, statement);
            } else {
                statement.clearParameters();
            }
            return statement;
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement statement : prepared.values()) {
                statement.close();
            }
        }
    }
}
