package io.meshwright.engine.registry;

import io.meshwright.engine.store.Database;
import io.meshwright.spi.Location;
import io.meshwright.spi.model.ModelRef;
import io.meshwright.spi.model.ModelStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Listing, searching and reading stored entities. */
final class RegistryReads {
    static final int MAX_LIMIT = 1000;

    private static final String MODEL_COLUMNS = "m.id, m.key, m.name, m.version, m.upstream_version, m.display_name, m.category, "
            + "m.registrant, m.status, m.schema_version, "
            + "(SELECT count(*) FROM registry_component c WHERE c.model_id = m.id), "
            + "(SELECT count(*) FROM registry_relationship r WHERE r.model_id = m.id), m.hash, m.updated_at";
    static final String COMPONENT_COLUMNS = "c.id, c.key, m.key, c.model_name, m.upstream_version, c.registrant, c.api_version, "
            + "c.kind, c.display_name, c.namespaced, c.version, c.status, m.status";
    static final String RELATIONSHIP_COLUMNS = "r.id, r.key, m.key, r.model_name, m.upstream_version, r.kind, r.type, r.sub_type, "
            + "r.from_kinds, r.to_kinds, r.status, r.version";

    private final Database database;

    RegistryReads(Database database) {
        this.database = database;
    }

    Page<ModelSummary> models(ModelQuery q) {
        Filter filter = new Filter();
        filter.contains("m.search", q.search());
        filter.equal("m.registrant", q.registrant());
        filter.equal("m.category", q.category());
        filter.equal("m.status", q.status() == null ? null : q.status().name().toLowerCase(Locale.ROOT));
        return database.read(c -> {
            long total = count(c, "SELECT count(*) FROM registry_model m" + filter.where(), filter);
            List<ModelSummary> items = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT " + MODEL_COLUMNS + " FROM registry_model m" + filter.where()
                    + " ORDER BY m.name, m.upstream_version DESC, m.version DESC, m.registrant LIMIT ? OFFSET ?")) {
                int next = filter.bind(query);
                query.setInt(next, limit(q.limit()));
                query.setInt(next + 1, Math.max(0, q.offset()));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        items.add(model(rows));
                    }
                }
            }
            return new Page<>(items, total, Math.max(0, q.offset()), limit(q.limit()));
        });
    }

    Page<ComponentSummary> components(ComponentQuery q) {
        Filter filter = new Filter();
        filter.contains("c.search", q.search());
        filter.equal("c.model_name", q.model());
        filter.equal("c.kind", q.kind());
        filter.equal("c.api_version", q.apiVersion());
        filter.equal("c.registrant", q.registrant());
        filter.equal("m.status", q.status() == null ? null : q.status().name().toLowerCase(Locale.ROOT));
        String from = " FROM registry_component c JOIN registry_model m ON m.id = c.model_id" + filter.where();
        return database.read(c -> {
            long total = count(c, "SELECT count(*)" + from, filter);
            List<ComponentSummary> items = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT " + COMPONENT_COLUMNS + from
                    + " ORDER BY c.kind, c.model_name, c.api_version, c.id LIMIT ? OFFSET ?")) {
                int next = filter.bind(query);
                query.setInt(next, limit(q.limit()));
                query.setInt(next + 1, Math.max(0, q.offset()));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        items.add(component(rows));
                    }
                }
            }
            return new Page<>(items, total, Math.max(0, q.offset()), limit(q.limit()));
        });
    }

    Page<RelationshipSummary> relationships(RelationshipQuery q) {
        Filter filter = new Filter();
        filter.contains("r.search", q.search());
        filter.equal("r.model_name", q.model());
        filter.equal("r.kind", q.kind());
        filter.equal("r.type", q.type());
        filter.equal("r.sub_type", q.subType());
        if (q.involving() != null) {
            filter.clause("r.id IN (SELECT relationship_id FROM registry_relationship_kind WHERE kind IN (?, '*'))", q.involving());
        }
        String from = " FROM registry_relationship r JOIN registry_model m ON m.id = r.model_id" + filter.where();
        return database.read(c -> {
            long total = count(c, "SELECT count(*)" + from, filter);
            List<RelationshipSummary> items = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT " + RELATIONSHIP_COLUMNS + from
                    + " ORDER BY r.model_name, r.kind, r.type, r.sub_type, r.id LIMIT ? OFFSET ?")) {
                int next = filter.bind(query);
                query.setInt(next, limit(q.limit()));
                query.setInt(next + 1, Math.max(0, q.offset()));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        items.add(relationship(rows));
                    }
                }
            }
            return new Page<>(items, total, Math.max(0, q.offset()), limit(q.limit()));
        });
    }

    /** The one model {@code ref} names: exact upstream or definition version, else the newest upstream version. */
    Optional<Long> resolve(Connection c, ModelRef ref) throws SQLException {
        List<Object[]> candidates = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement(
                "SELECT id, upstream_version, version, registrant FROM registry_model WHERE name = ?")) {
            query.setString(1, ref.name());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    candidates.add(new Object[] {rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4)});
                }
            }
        }
        Comparator<Object[]> newest = Comparator.<Object[], String>comparing(row -> (String) row[1], VersionOrder.INSTANCE)
                .thenComparing(row -> (String) row[2], VersionOrder.INSTANCE).reversed()
                .thenComparing(row -> (String) row[3]);
        return candidates.stream()
                .filter(row -> ref.version() == null || ref.version().equals(row[1]) || ref.version().equals(row[2]))
                .sorted(Comparator.<Object[], Boolean>comparing(row -> ref.version() != null && !ref.version().equals(row[1]))
                        .thenComparing(newest))
                .map(row -> (Long) row[0])
                .findFirst();
    }

    Optional<ModelSummary> model(Connection c, long id) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT " + MODEL_COLUMNS + " FROM registry_model m WHERE m.id = ?")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(model(rows)) : Optional.empty();
            }
        }
    }

    Optional<ModelDetail> detail(ModelRef ref) {
        return database.read(c -> {
            Optional<Long> id = resolve(c, ref);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            ModelSummary summary = model(c, id.get()).orElseThrow();
            String document;
            try (PreparedStatement query = c.prepareStatement("SELECT document FROM registry_model WHERE id = ?")) {
                query.setLong(1, id.get());
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    document = rows.getString(1);
                }
            }
            List<ModelDetail.StoredComponent> components = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT " + COMPONENT_COLUMNS + ", d.document FROM registry_component c "
                    + "JOIN registry_model m ON m.id = c.model_id JOIN registry_component_document d ON d.component_id = c.id "
                    + "WHERE c.model_id = ? ORDER BY c.kind, c.api_version")) {
                query.setLong(1, id.get());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        components.add(new ModelDetail.StoredComponent(component(rows), rows.getString(14)));
                    }
                }
            }
            List<ModelDetail.StoredRelationship> relationships = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT " + RELATIONSHIP_COLUMNS + ", r.document FROM registry_relationship r "
                    + "JOIN registry_model m ON m.id = r.model_id WHERE r.model_id = ? ORDER BY r.kind, r.type, r.sub_type, r.id")) {
                query.setLong(1, id.get());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        relationships.add(new ModelDetail.StoredRelationship(relationship(rows), rows.getString(13)));
                    }
                }
            }
            return Optional.of(new ModelDetail(summary, document, components, relationships));
        });
    }

    /** Stored model documents named {@code name}, for entities of an import that refer to a model by name. */
    List<ParsedDocument> storedModelDocuments(String name, com.fasterxml.jackson.databind.ObjectMapper json) {
        return database.read(c -> {
            List<ParsedDocument> documents = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT key, document FROM registry_model WHERE name = ?")) {
                query.setString(1, name);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        try {
                            documents.add(new ParsedDocument(json.readTree(rows.getString(2)), rows.getString(2),
                                    Location.of("registry:" + rows.getString(1)), null));
                        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                            throw new SQLException("stored model document " + rows.getString(1) + " is not JSON", e);
                        }
                    }
                }
            }
            return documents;
        });
    }

    static ModelSummary model(ResultSet r) throws SQLException {
        return new ModelSummary(r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getString(7),
                r.getString(8), ModelStatus.valueOf(r.getString(9).toUpperCase(Locale.ROOT)), r.getString(10), r.getInt(11),
                r.getInt(12), r.getString(13), Instant.parse(r.getString(14)));
    }

    static ComponentSummary component(ResultSet r) throws SQLException {
        return new ComponentSummary(r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                r.getString(7), r.getString(8), r.getString(9), r.getInt(10) != 0, r.getString(11), r.getString(12),
                ModelStatus.valueOf(r.getString(13).toUpperCase(Locale.ROOT)));
    }

    static RelationshipSummary relationship(ResultSet r) throws SQLException {
        return new RelationshipSummary(r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                r.getString(7), r.getString(8), split(r.getString(9)), split(r.getString(10)), r.getString(11), r.getString(12));
    }

    private static List<String> split(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static int limit(int limit) {
        return limit <= 0 ? 100 : Math.min(limit, MAX_LIMIT);
    }

    private static long count(Connection c, String sql, Filter filter) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(sql)) {
            filter.bind(query);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** WHERE clauses with their parameters. */
    private static final class Filter {
        private final List<String> clauses = new ArrayList<>();
        private final List<Object> values = new ArrayList<>();

        void equal(String column, String value) {
            if (value != null) {
                clause(column + " = ?", value);
            }
        }

        void contains(String column, String text) {
            if (text != null && !text.isBlank()) {
                clause("instr(" + column + ", ?) > 0", text.strip().toLowerCase(Locale.ROOT));
            }
        }

        void clause(String sql, Object value) {
            clauses.add(sql);
            values.add(value);
        }

        String where() {
            return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
        }

        int bind(PreparedStatement statement) throws SQLException {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            return values.size() + 1;
        }
    }
}
