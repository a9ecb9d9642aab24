package io.meshwright.engine.design;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates objects against JSON Schemas (definitions' schemas, CRDs' openAPIV3Schema) with the networknt validator,
 * compiling each schema once per validation run.
 *
 * <p>Draft 7 (what Meshery and OpenAPI v3 schemas are closest to); format assertions are off because Kubernetes
 * uses formats such as {@code int-or-string} that are not JSON Schema's, and unknown keywords
 * ({@code x-kubernetes-*}) are ignored.
 */
final class SchemaCheck {

    /** One violation: the field path inside the object and what is wrong. */
    record Violation(String path, String type, String message) {}

    private final ObjectMapper json = new ObjectMapper();
    // Kubernetes schemas are full of x-kubernetes-* keywords; they describe, not validate, so they are accepted
    // quietly instead of being logged once per keyword.
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
            builder -> builder.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV7())
                    .unknownKeywordFactory((keyword, context) -> new NonValidationKeyword(keyword))
                    .build()));
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_PATH)
            .formatAssertionsEnabled(false)
            .build();
    private final Map<Map<String, Object>, JsonSchema> compiled = new IdentityHashMap<>();

    /** The violations of {@code object}; throws {@link IllegalArgumentException} when the schema is unusable. */
    List<Violation> check(Map<String, Object> schema, Map<String, Object> object) {
        JsonSchema compiledSchema = compiled.computeIfAbsent(schema, s -> {
            try {
                return factory.getSchema(json.valueToTree(s), config);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        });
        JsonNode instance = json.valueToTree(object);
        List<Violation> violations = new ArrayList<>();
        try {
            for (ValidationMessage message : compiledSchema.validate(instance)) {
                violations.add(new Violation(fieldPath(message.getInstanceLocation().toString()), message.getType(), message.getError()));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        violations.sort(java.util.Comparator.comparing(Violation::path).thenComparing(Violation::message));
        return violations;
    }

    /** {@code $.spec.ports[0].port} → {@code spec.ports[0].port}; {@code $['a.b']} → {@code ["a.b"]}. */
    static String fieldPath(String jsonPath) {
        String path = jsonPath.startsWith("$") ? jsonPath.substring(1) : jsonPath;
        path = path.replace("['", "[\"").replace("']", "\"]");
        return path.startsWith(".") ? path.substring(1) : path;
    }
}
