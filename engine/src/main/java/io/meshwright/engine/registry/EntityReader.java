package io.meshwright.engine.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwright.engine.registry.Entities.ComponentEntity;
import io.meshwright.engine.registry.Entities.ModelEntity;
import io.meshwright.engine.registry.Entities.RelationshipEntity;
import io.meshwright.spi.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Reads the key fields and index columns out of validated documents. */
final class EntityReader {
    /** Registrant used when a document names none (a hand-written file, a spreadsheet row without one). */
    static final String DEFAULT_REGISTRANT = "local";

    private final ObjectMapper json;

    EntityReader(ObjectMapper json) {
        this.json = json;
    }

    /** Either the entity or the problems that stop it. */
    record Read<T>(T entity, List<Problem> problems) {}

    ModelEntity model(ParsedDocument document) {
        JsonNode node = document.node();
        String text = document.text();
        if (hasItems(node, "components") || hasItems(node, "relationships")) {
            // A bundle: its components and relationships are stored as entities of their own.
            ObjectNode stripped = json.createObjectNode();
            node.properties().forEach(field -> {
                if (!field.getKey().equals("components") && !field.getKey().equals("relationships")) {
                    stripped.set(field.getKey(), field.getValue());
                }
            });
            node = stripped;
            text = null;
        }
        String registrant = registrant(node.path("registrant"));
        String name = node.path("name").asText();
        String version = node.path("version").asText();
        String upstream = node.path("model").path("version").asText("");
        String displayName = textOr(node.path("displayName"), name);
        JsonNode category = node.path("category");
        String categoryName = category.isTextual() ? category.asText() : category.path("name").asText("");
        String status = "ignored".equals(node.path("status").asText()) ? "ignored" : "enabled";
        String key = registrant + "/" + name + "/" + upstream + "/" + version;
        return new ModelEntity(key, registrant, name, version, upstream, displayName, categoryName, status,
                node.path("schemaVersion").asText(), text != null ? text : node.toString(), ContentHash.of(node), node,
                document.location());
    }

    Read<ComponentEntity> component(ModelEntity model, ParsedDocument document) {
        JsonNode node = document.node();
        JsonNode component = node.path("component");
        String apiVersion = component.path("version").asText("");
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String groupVersion = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        String kind = component.path("kind").asText();
        List<Problem> problems = new ArrayList<>();
        JsonNode schema = component.path("schema");
        if (schema.isTextual() && !schema.asText().isBlank()) {
            try (com.fasterxml.jackson.core.JsonParser parser = json.getFactory().createParser(schema.asText())) {
                // Only checks that it parses: streaming through is far cheaper than building a tree.
                while (parser.nextToken() != null) {
                    parser.skipChildren();
                }
            } catch (JsonProcessingException e) {
                int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
                int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
                problems.add(Problem.error("component.schema", "component.schema must hold a JSON Schema as JSON text, but it "
                        + "does not parse (line " + line + ", column " + column + " of the string): " + e.getOriginalMessage(),
                        document.location().withField(field(document, "component.schema"))));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        String version = node.path("version").asText("");
        String key = model.key() + "/" + version + "/" + apiVersion + "/" + kind;
        ComponentEntity entity = new ComponentEntity(key, apiVersion, group, groupVersion, kind,
                textOr(node.path("displayName"), kind), node.path("metadata").path("isNamespaced").asBoolean(false),
                version, textOr(node.path("status"), "enabled"), node.path("schemaVersion").asText(),
                document.text() != null ? document.text() : node.toString(), ContentHash.of(node), document.location());
        return new Read<>(problems.isEmpty() ? entity : null, problems);
    }

    RelationshipEntity relationship(ModelEntity model, ParsedDocument document) {
        JsonNode node = document.node();
        TreeSet<String> from = new TreeSet<>();
        TreeSet<String> to = new TreeSet<>();
        for (JsonNode selector : node.path("selectors")) {
            selector.path("allow").path("from").forEach(end -> from.add(end.path("kind").asText("*")));
            selector.path("allow").path("to").forEach(end -> to.add(end.path("kind").asText("*")));
        }
        String kind = node.path("kind").asText();
        String type = node.path("type").asText();
        String subType = node.path("subType").asText("");
        String version = node.path("version").asText("");
        String key = model.key() + "/" + version + "/" + (kind + "/" + type + "/" + subType).toLowerCase(Locale.ROOT)
                + "/" + String.join(",", from) + ">" + String.join(",", to);
        return new RelationshipEntity(key, kind, type, subType, List.copyOf(from), List.copyOf(to),
                textOr(node.path("status"), "enabled"), version, node.path("schemaVersion").asText(),
                document.text() != null ? document.text() : node.toString(), ContentHash.of(node), document.location());
    }

    static String registrant(JsonNode registrant) {
        String value = registrant.isTextual() ? registrant.asText() : registrant.path("kind").asText("");
        return value.isBlank() ? DEFAULT_REGISTRANT : value.strip().toLowerCase(Locale.ROOT);
    }

    private static String field(ParsedDocument document, String path) {
        String prefix = document.location().field();
        return prefix == null || prefix.isEmpty() ? path : prefix + "." + path;
    }

    private static boolean hasItems(JsonNode node, String field) {
        return node.path(field).isArray() && !node.path(field).isEmpty();
    }

    private static String textOr(JsonNode value, String fallback) {
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : fallback;
    }
}
