package io.meshwright.engine.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwright.engine.store.Database;
import io.meshwright.spi.Problem;
import io.meshwright.spi.extension.RegistrationResult;
import io.meshwright.spi.extension.RegistryView;
import io.meshwright.spi.model.ComponentDefinition;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.Model;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.ModelRef;
import io.meshwright.spi.model.ModelStatus;
import io.meshwright.spi.model.RelationshipDefinition;
import io.meshwright.spi.model.SelectorEnd;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The registry as plugins see it. Lookups use the indexed columns (kind/group/version, relationship kinds);
 * {@link #register} goes through the import path, so a plugin's models get the same validation and keys.
 */
final class StoreRegistryView implements RegistryView {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final Registry registry;
    private final Database database;
    private final ObjectMapper json;

    StoreRegistryView(Registry registry, Database database, ObjectMapper json) {
        this.registry = registry;
        this.database = database;
        this.json = json;
    }

    /** The stored document's metadata (where a model says, e.g., which source installs its kinds) and its key. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> metadata(String key, String document) {
        Map<String, Object> metadata = new java.util.LinkedHashMap<>();
        try {
            com.fasterxml.jackson.databind.JsonNode stored = json.readTree(document).path("metadata");
            if (stored.isObject()) {
                metadata.putAll(json.convertValue(stored, Map.class));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // A stored document was validated on import; an unreadable one only loses its metadata here.
        }
        metadata.put("key", key);
        return metadata;
    }

    @Override
    public Optional<Model> model(ModelRef ref) {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT name, version, upstream_version, display_name, category, "
                    + "registrant, status, key, document FROM registry_model WHERE name = ?")) {
                query.setString(1, ref.name());
                List<Model> models = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        Model model = new Model(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                                rows.getString(5), rows.getString(6), ModelStatus.valueOf(rows.getString(7).toUpperCase(Locale.ROOT)),
                                metadata(rows.getString(8), rows.getString(9)));
                        boolean wanted = ref.version() == null ? model.status() == ModelStatus.ENABLED
                                : ref.version().equals(model.version()) || ref.version().equals(model.upstreamVersion());
                        if (wanted) {
                            models.add(model);
                        }
                    }
                }
                return models.stream().max(Comparator.comparing(Model::upstreamVersion, VersionOrder.INSTANCE)
                        .thenComparing(Model::version, VersionOrder.INSTANCE));
            }
        });
    }

    @Override
    public List<ComponentDefinition> components(Gvk gvk, Optional<ModelRef> model) {
        return database.read(c -> {
            String sql = "SELECT c.model_name, m.version, m.upstream_version, c.version, c.grp, c.ver, c.kind, c.namespaced, "
                    + "c.display_name, d.document FROM registry_component c JOIN registry_model m ON m.id = c.model_id "
                    + "JOIN registry_component_document d ON d.component_id = c.id "
                    + "WHERE c.kind = ? AND c.grp = ? AND c.ver = ? AND m.status = 'enabled'"
                    + (model.isPresent() ? " AND c.model_name = ?" : "");
            List<Object[]> found = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement(sql)) {
                UnitWriter.bind(query, gvk.kind(), gvk.group(), gvk.version());
                if (model.isPresent()) {
                    query.setString(4, model.get().name());
                }
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String version = model.map(ModelRef::version).orElse(null);
                        if (version != null && !version.equals(rows.getString(2)) && !version.equals(rows.getString(3))) {
                            continue;
                        }
                        found.add(new Object[] {rows.getString(3), definition(rows)});
                    }
                }
            }
            found.sort(Comparator.<Object[], String>comparing(row -> (String) row[0], VersionOrder.INSTANCE).reversed());
            return found.stream().map(row -> (ComponentDefinition) row[1]).toList();
        });
    }

    private ComponentDefinition definition(ResultSet rows) throws SQLException {
        JsonNode document = parse(rows.getString(10));
        JsonNode schema = document.path("component").path("schema");
        if (schema.isTextual() && !schema.asText().isBlank()) {
            schema = parse(schema.asText());
        }
        List<String> capabilities = new ArrayList<>();
        for (JsonNode capability : document.path("capabilities")) {
            capabilities.add(capability.path("displayName").asText(capability.path("kind").asText("") + "/" + capability.path("type").asText("")));
        }
        return new ComponentDefinition(new ModelRef(rows.getString(1), rows.getString(2)), rows.getString(4),
                new Gvk(rows.getString(5), rows.getString(6), rows.getString(7)), rows.getInt(8) != 0, rows.getString(9),
                schema.isObject() ? json.convertValue(schema, MAP) : Map.of(), capabilities);
    }

    @Override
    public List<RelationshipDefinition> relationshipsFor(String kind) {
        return database.read(c -> relationships(c, kind));
    }

    private List<RelationshipDefinition> relationships(Connection c, String kind) throws SQLException {
        List<RelationshipDefinition> definitions = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT r.model_name, m.version, r.version, r.kind, r.type, r.sub_type, "
                + "r.status, r.document FROM registry_relationship r JOIN registry_model m ON m.id = r.model_id "
                + "WHERE m.status = 'enabled' AND r.id IN (SELECT relationship_id FROM registry_relationship_kind WHERE kind IN (?, '*')) "
                + "ORDER BY r.model_name, r.id")) {
            query.setString(1, kind);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    JsonNode document = parse(rows.getString(8));
                    List<SelectorEnd> from = new ArrayList<>();
                    List<SelectorEnd> to = new ArrayList<>();
                    for (JsonNode selector : document.path("selectors")) {
                        selector.path("allow").path("from").forEach(end -> from.add(end(end)));
                        selector.path("allow").path("to").forEach(end -> to.add(end(end)));
                    }
                    String relationshipKind = rows.getString(4);
                    String type = rows.getString(5);
                    RelationshipDefinition.Ordering ordering = "hierarchical".equalsIgnoreCase(relationshipKind)
                            && "parent".equalsIgnoreCase(type) ? RelationshipDefinition.Ordering.FROM_FIRST : RelationshipDefinition.Ordering.NONE;
                    definitions.add(new RelationshipDefinition(new ModelRef(rows.getString(1), rows.getString(2)), rows.getString(3),
                            relationshipKind, type, rows.getString(6), from, to, rows.getString(7), ordering));
                }
            }
        }
        return definitions;
    }

    private static SelectorEnd end(JsonNode end) {
        String model = end.path("model").path("name").asText("*");
        String path = null;
        for (String field : List.of("mutatorRef", "mutatedRef")) {
            for (String side : List.of("from", "to")) {
                for (JsonNode match : end.path("match").path(side)) {
                    JsonNode ref = match.path(field).path(0);
                    if (path == null && ref.isArray() && !ref.isEmpty()) {
                        List<String> parts = new ArrayList<>();
                        ref.forEach(part -> parts.add(part.asText()));
                        path = String.join(".", parts);
                    }
                }
            }
        }
        return new SelectorEnd(end.path("kind").asText("*"), model.isEmpty() ? "*" : model, path);
    }

    /** {@code bundle} as one file of an import, named {@code path} (its folder must hold nothing else). */
    InputFile bundleFile(ModelBundle bundle, String registrant, String path) {
        byte[] document = json.valueToTree(bundleDocument(bundle, registrant)).toString().getBytes(StandardCharsets.UTF_8);
        return new InputFile(path, path, document);
    }

    @Override
    public RegistrationResult register(ModelBundle bundle, String registrant) {
        String name = registrant + "/" + bundle.model().name() + ".json";
        ImportReport report = registry.importFiles(name, List.of(bundleFile(bundle, registrant, name)),
                ImportOptions.defaults().withDryRun(false));
        List<Problem> problems = new ArrayList<>();
        report.rejected().forEach(r -> problems.addAll(r.problems()));
        return new RegistrationResult(report.created().stream().map(e -> e.kind().name().toLowerCase(Locale.ROOT) + " " + e.name()).toList(),
                report.updated().stream().map(e -> e.kind().name().toLowerCase(Locale.ROOT) + " " + e.name()).toList(),
                report.unchanged().size(), problems);
    }

    /** The bundle as a {@code models.meshwright.io/v1beta1} document with its definitions inline. */
    private ObjectNode bundleDocument(ModelBundle bundle, String registrant) {
        Model model = bundle.model();
        ObjectNode root = json.createObjectNode();
        root.put("schemaVersion", "models.meshwright.io/v1beta1");
        root.put("name", model.name());
        root.put("version", model.version());
        root.put("displayName", model.displayName() == null ? model.name() : model.displayName());
        root.put("category", model.category() == null ? "" : model.category());
        root.put("registrant", registrant);
        root.put("status", model.status().name().toLowerCase(Locale.ROOT));
        root.putObject("model").put("version", model.upstreamVersion() == null ? "" : model.upstreamVersion());
        root.set("metadata", json.valueToTree(model.metadata()));
        ArrayNode components = root.putArray("components");
        for (ComponentDefinition definition : bundle.components()) {
            ObjectNode component = components.addObject();
            component.put("schemaVersion", "components.meshwright.io/v1beta1");
            component.put("version", definition.version() == null ? model.version() : definition.version());
            component.put("displayName", definition.displayName() == null ? definition.gvk().kind() : definition.displayName());
            component.putObject("metadata").put("isNamespaced", definition.namespaced());
            ArrayNode capabilities = component.putArray("capabilities");
            definition.capabilities().forEach(name -> capabilities.addObject().put("displayName", name));
            ObjectNode body = component.putObject("component");
            body.put("kind", definition.gvk().kind());
            body.put("version", definition.gvk().apiVersion());
            body.set("schema", json.valueToTree(definition.schema()));
        }
        ArrayNode relationships = root.putArray("relationships");
        for (RelationshipDefinition definition : bundle.relationships()) {
            ObjectNode relationship = relationships.addObject();
            relationship.put("schemaVersion", "relationships.meshwright.io/v1beta1");
            relationship.put("version", definition.version() == null ? model.version() : definition.version());
            relationship.put("kind", definition.kind());
            relationship.put("type", definition.type() == null ? "" : definition.type());
            relationship.put("subType", definition.subType() == null ? "" : definition.subType());
            relationship.put("status", definition.status() == null ? "enabled" : definition.status());
            ObjectNode allow = relationship.putArray("selectors").addObject().putObject("allow");
            ends(allow.putArray("from"), definition.from());
            ends(allow.putArray("to"), definition.to());
        }
        return root;
    }

    private void ends(ArrayNode array, List<SelectorEnd> ends) {
        for (SelectorEnd end : ends) {
            ObjectNode node = array.addObject();
            node.put("kind", end.kind());
            if (end.model() != null) {
                node.putObject("model").put("name", end.model());
            }
            if (end.path() != null) {
                ArrayNode ref = node.putObject("match").putArray("to").addObject().put("kind", "self").putArray("mutatorRef").addArray();
                for (String part : end.path().split("\\.")) {
                    ref.add(part);
                }
            }
        }
    }

    private JsonNode parse(String text) throws SQLException {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("a stored registry document is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
