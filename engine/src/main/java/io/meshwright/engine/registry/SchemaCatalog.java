package io.meshwright.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry's own JSON Schemas (shipped under {@code registry/schemas/}) and which {@code schemaVersion}
 * each accepts. Dispatch is on {@code schemaVersion} alone, as in the reference system; an unknown value is
 * a clear rejection rather than a guess.
 */
final class SchemaCatalog {

    /** Every schemaVersion the registry reads, and the entity kind it names. */
    static final Map<String, EntityKind> KINDS = Map.of(
            "models.meshwright.io/v1beta1", EntityKind.MODEL,
            "models.meshery.io/v1beta1", EntityKind.MODEL,
            "components.meshwright.io/v1beta1", EntityKind.COMPONENT,
            "components.meshery.io/v1beta1", EntityKind.COMPONENT,
            "relationships.meshwright.io/v1beta1", EntityKind.RELATIONSHIP,
            "relationships.meshery.io/v1alpha3", EntityKind.RELATIONSHIP,
            "relationships.meshery.io/v1beta1", EntityKind.RELATIONSHIP,
            "relationships.meshery.io/v1beta2", EntityKind.RELATIONSHIP);

    private final Map<EntityKind, JsonSchema> schemas;

    SchemaCatalog(ObjectMapper json) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        this.schemas = Map.of(
                EntityKind.MODEL, load(factory, json, "model"),
                EntityKind.COMPONENT, load(factory, json, "component"),
                EntityKind.RELATIONSHIP, load(factory, json, "relationship"));
    }

    private static JsonSchema load(JsonSchemaFactory factory, ObjectMapper json, String name) {
        String resource = "/registry/schemas/" + name + ".schema.json";
        try (InputStream in = SchemaCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return factory.getSchema(json.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entity kind {@code document} declares, or a problem saying why it declares none we know. */
    Optional<EntityKind> kindOf(JsonNode document) {
        return Optional.ofNullable(KINDS.get(document.path("schemaVersion").asText("")));
    }

    Problem unknownSchemaVersion(JsonNode document, Location location) {
        JsonNode value = document.path("schemaVersion");
        String found = value.isMissingNode() || value.isNull() ? "no schemaVersion" : "'" + value.asText() + "'";
        return Problem.error("schema.unknown-version", "expected a schemaVersion the registry knows ("
                + String.join(", ", KINDS.keySet().stream().sorted().toList()) + "), but found " + found,
                location.withField("schemaVersion"));
    }

    /** Every way {@code document} breaks its schema, each located at the offending field. */
    List<Problem> validate(EntityKind kind, JsonNode document, Location location) {
        List<ValidationMessage> messages = new ArrayList<>(schemas.get(kind).validate(document));
        messages.sort(Comparator.comparing(m -> m.getInstanceLocation().toString()));
        List<Problem> problems = new ArrayList<>();
        for (ValidationMessage message : messages) {
            String path = fieldPath(message.getInstanceLocation().toString(), message.getProperty());
            String prefix = (location.field() == null ? "" : location.field() + ".");
            problems.add(Problem.error("schema." + message.getType(), message.getError(),
                    location.withField(path.isEmpty() ? location.field() : prefix + path)));
        }
        return problems;
    }

    private static String fieldPath(String instanceLocation, String property) {
        String path = instanceLocation.startsWith("$") ? instanceLocation.substring(1) : instanceLocation;
        if (path.startsWith(".")) {
            path = path.substring(1);
        }
        if (property != null && !property.isEmpty()) {
            path = path.isEmpty() ? property : path + "." + property;
        }
        return path;
    }
}
