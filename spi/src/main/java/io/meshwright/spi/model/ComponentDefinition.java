package io.meshwright.spi.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A kind a model knows: its group/version/kind, whether it is namespaced, and the JSON Schema of its
 * configuration (for Kubernetes kinds, the OpenAPI v3 schema of the object).
 *
 * @param model        the model that owns it
 * @param version      definition version (schema version of this definition, e.g. {@code v1.0.0})
 * @param gvk          the Kubernetes kind it declares
 * @param namespaced   whether objects of the kind live in a namespace
 * @param displayName  name shown to people
 * @param schema       JSON Schema of the configuration as a JSON tree, or an empty map when unknown
 * @param capabilities capability names (e.g. {@code configuration}, {@code styling}); may be empty
 */
public record ComponentDefinition(
        ModelRef model,
        String version,
        Gvk gvk,
        boolean namespaced,
        String displayName,
        Map<String, Object> schema,
        List<String> capabilities) {

    public ComponentDefinition {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(gvk, "gvk");
        schema = schema == null ? Map.of() : schema;
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    }
}
