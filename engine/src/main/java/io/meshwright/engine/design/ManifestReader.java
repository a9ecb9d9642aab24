package io.meshwright.engine.design;

import io.meshwright.spi.model.Gvk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads plain Kubernetes manifests: every object of every document becomes a component ({@code kind: List} and
 * other {@code *List} kinds are expanded into their {@code items}). A component's id is the object's
 * {@code Kind.group/namespace/name}, its name the object's name, its model {@code kubernetes} for built-in API
 * groups and otherwise a model named after the group.
 */
final class ManifestReader {

    private final BuiltinKinds builtins;

    ManifestReader(BuiltinKinds builtins) {
        this.builtins = builtins;
    }

    /** Adds the components of one document to {@code into}. */
    void read(Fields fields, Object root, List<ComponentDraft> into) {
        if (!(root instanceof Map<?, ?> map)) {
            fields.error("design.type", "expected a Kubernetes object (a mapping), but was " + Fields.describe(root), "");
            return;
        }
        object(fields, V1beta1Reader.cast(map), "", into);
    }

    private void object(Fields fields, Map<String, Object> object, String path, List<ComponentDraft> into) {
        String apiVersion = fields.string(object, "apiVersion", path, true);
        String kind = fields.string(object, "kind", path, true);
        if (kind != null && kind.endsWith("List") && object.get("items") instanceof List<?>) {
            List<Object> items = fields.list(object, "items", path, true);
            for (int i = 0; i < items.size(); i++) {
                String itemPath = FieldPath.index(FieldPath.child(path, "items"), i);
                if (items.get(i) instanceof Map<?, ?> item) {
                    object(fields, V1beta1Reader.cast(item), itemPath, into);
                } else {
                    fields.error("design.type", "expected a Kubernetes object, but was " + Fields.describe(items.get(i)), itemPath);
                }
            }
            return;
        }
        Map<String, Object> metadata = fields.map(object, "metadata", path, true);
        String metadataPath = FieldPath.child(path, "metadata");
        String name = fields.string(metadata, "name", metadataPath, metadata != null);
        String namespace = fields.string(metadata, "namespace", metadataPath, false);
        if (apiVersion == null || kind == null || name == null) {
            return;
        }
        Gvk gvk = Gvk.of(apiVersion, kind);
        Map<String, Object> configuration = new LinkedHashMap<>(object);
        configuration.remove("apiVersion");
        configuration.remove("kind");
        boolean clusterScoped = builtins.namespaced(gvk).map(namespaced -> !namespaced).orElse(false);
        String id = gvk.groupKind() + "/" + (namespace == null || clusterScoped ? "" : namespace + "/") + name;
        into.add(new ComponentDraft(id, name, ModelInference.forKind(gvk, builtins), gvk, namespace, configuration,
                List.of(), false, fields.document(), path, path));
    }

    static List<ComponentDraft> newList() {
        return new ArrayList<>();
    }
}
