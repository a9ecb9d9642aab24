package io.meshwright.engine.design;

import io.meshwright.spi.model.SourceRef;
import io.meshwright.spi.design.RelationshipDeclaration;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.ModelRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a v1beta1 design ({@code schemaVersion: designs.meshery.io/v1beta1}): each component names its kind in
 * {@code component.kind}, its apiVersion in {@code component.version}, its model in {@code model} (or
 * {@code modelReference}), carries the object body in {@code configuration}, and may set
 * {@code metadata.isAnnotation} and {@code metadata.dependsOn}. Relationships name their ends by component id in
 * {@code selectors[].allow.from[]/to[]}.
 */
final class V1beta1Reader {

    private final BuiltinKinds builtins;

    V1beta1Reader(BuiltinKinds builtins) {
        this.builtins = builtins;
    }

    DesignDraft read(Fields fields, Map<String, Object> root) {
        String name = fields.string(root, "name", "", true);
        String id = fields.string(root, "id", "", false);
        String version = fields.string(root, "version", "", false);
        List<ComponentDraft> components = new ArrayList<>();
        List<Object> items = fields.list(root, "components", "", false);
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                String path = FieldPath.index("components", i);
                if (items.get(i) instanceof Map<?, ?> item) {
                    ComponentDraft draft = component(fields, cast(item), path, i);
                    if (draft != null) {
                        components.add(draft);
                    }
                } else {
                    fields.error("design.type", "expected a component mapping, but was " + Fields.describe(items.get(i)), path);
                }
            }
        }
        List<RelationshipDeclaration> relationships = new ArrayList<>();
        List<FieldPatch> patches = new ArrayList<>();
        List<Object> rels = fields.list(root, "relationships", "", false);
        if (rels != null) {
            for (int i = 0; i < rels.size(); i++) {
                String path = FieldPath.index("relationships", i);
                if (rels.get(i) instanceof Map<?, ?> rel) {
                    RelationshipDeclaration declared = relationship(fields, cast(rel), path);
                    relationships.add(declared);
                    if (!"deleted".equalsIgnoreCase(declared.status()) && !"ignored".equalsIgnoreCase(declared.status())) {
                        patches.addAll(patches(cast(rel), declared));
                    }
                } else {
                    fields.error("design.type", "expected a relationship mapping, but was " + Fields.describe(rels.get(i)), path);
                }
            }
        }
        return new DesignDraft(id, name == null ? "unnamed" : name, version, components, relationships, patches);
    }

    /** Each selector's ends that carry {@code patch.mutatorRef} feed the ends that carry {@code patch.mutatedRef}. */
    private static List<FieldPatch> patches(Map<String, Object> rel, RelationshipDeclaration declared) {
        List<FieldPatch> patches = new ArrayList<>();
        if (!(rel.get("selectors") instanceof List<?> selectors)) {
            return patches;
        }
        for (Object selector : selectors) {
            Map<?, ?> allow = selector instanceof Map<?, ?> s && s.get("allow") instanceof Map<?, ?> a ? a : Map.of();
            List<Map<?, ?>> ends = new ArrayList<>();
            for (String side : List.of("from", "to")) {
                if (allow.get(side) instanceof List<?> items) {
                    items.stream().filter(Map.class::isInstance).map(item -> (Map<?, ?>) item).forEach(ends::add);
                }
            }
            for (Map<?, ?> source : ends) {
                for (Map<?, ?> target : ends) {
                    List<List<String>> from = refs(source, "mutatorRef");
                    List<List<String>> to = refs(target, "mutatedRef");
                    for (int k = 0; k < Math.min(from.size(), to.size()); k++) {
                        if (source.get("id") instanceof String sourceId && target.get("id") instanceof String targetId
                                && !sourceId.equals(targetId)) {
                            patches.add(new FieldPatch(sourceId, from.get(k), targetId, to.get(k), declared.location()));
                        }
                    }
                }
            }
        }
        return patches;
    }

    private static List<List<String>> refs(Map<?, ?> end, String key) {
        List<List<String>> refs = new ArrayList<>();
        if (end.get("patch") instanceof Map<?, ?> patch && patch.get(key) instanceof List<?> paths) {
            for (Object path : paths) {
                if (path instanceof List<?> segments && segments.stream().allMatch(String.class::isInstance)) {
                    refs.add(segments.stream().map(String.class::cast).toList());
                }
            }
        }
        return refs;
    }

    private ComponentDraft component(Fields fields, Map<String, Object> item, String path, int index) {
        String id = fields.string(item, "id", path, true);
        String displayName = fields.string(item, "displayName", path, false);
        Map<String, Object> component = fields.map(item, "component", path, true);
        String componentPath = FieldPath.child(path, "component");
        String kind = fields.string(component, "kind", componentPath, component != null);
        String apiVersion = fields.string(component, "version", componentPath, component != null);
        Map<String, Object> metadata = fields.map(item, "metadata", path, false);
        String metadataPath = FieldPath.child(path, "metadata");
        boolean annotation = fields.bool(metadata, "isAnnotation", metadataPath);
        List<String> dependsOn = fields.strings(metadata, "dependsOn", metadataPath);
        Map<String, Object> configuration = fields.map(item, "configuration", path, false);
        Map<String, Object> objectMetadata = fields.map(configuration, "metadata", FieldPath.child(path, "configuration"), false);
        String namespace = fields.string(objectMetadata, "namespace", FieldPath.child(path, "configuration.metadata"), false);
        if (kind == null || apiVersion == null) {
            return null;
        }
        Gvk gvk = Gvk.of(apiVersion, kind);
        ModelRef model = model(fields, item, path, gvk);
        String name = displayName != null ? displayName
                : objectMetadata != null && objectMetadata.get("name") instanceof String n ? n : id;
        SourceRef source = source(fields, metadata, metadataPath);
        return new ComponentDraft(id == null ? "component-" + index : id, name == null ? "component-" + index : name,
                model, gvk, namespace, configuration == null ? new java.util.LinkedHashMap<>() : configuration,
                dependsOn, annotation, fields.document(), path, FieldPath.child(path, "configuration"), source);
    }

    /**
     * Meshwright's extension: {@code metadata.source} names where a plugin deployer deploys the component from
     * ({@code type} such as {@code helm} or {@code git}, {@code location}, optional {@code ref}, {@code path} and
     * string {@code options}); the deployer that {@code supports} it is chosen at deploy time.
     */
    private static SourceRef source(Fields fields, Map<String, Object> metadata, String metadataPath) {
        Map<String, Object> source = fields.map(metadata, "source", metadataPath, false);
        if (source == null) {
            return null;
        }
        String sourcePath = FieldPath.child(metadataPath, "source");
        String type = fields.string(source, "type", sourcePath, true);
        if (type == null) {
            return null;
        }
        Map<String, String> options = new java.util.LinkedHashMap<>();
        if (source.get("options") instanceof Map<?, ?> given) {
            given.forEach((key, value) -> options.put(String.valueOf(key), String.valueOf(value)));
        }
        return new SourceRef(type, fields.string(source, "location", sourcePath, false),
                fields.string(source, "ref", sourcePath, false), fields.string(source, "path", sourcePath, false), options);
    }

    private ModelRef model(Fields fields, Map<String, Object> item, String path, Gvk gvk) {
        Map<String, Object> model = fields.map(item, "model", path, false);
        String modelPath = FieldPath.child(path, "model");
        if (model == null) {
            model = fields.map(item, "modelReference", path, false);
            modelPath = FieldPath.child(path, "modelReference");
        }
        String name = fields.string(model, "name", modelPath, false);
        if (name == null) {
            ModelRef inferred = ModelInference.forKind(gvk, builtins);
            fields.warning("design.model.inferred", "the component names no model; using " + inferred.name(), path);
            return inferred;
        }
        return new ModelRef(name, fields.string(model, "version", modelPath, false));
    }

    private RelationshipDeclaration relationship(Fields fields, Map<String, Object> rel, String path) {
        Set<String> from = new LinkedHashSet<>();
        Set<String> to = new LinkedHashSet<>();
        List<Object> selectors = fields.list(rel, "selectors", path, false);
        if (selectors != null) {
            for (int i = 0; i < selectors.size(); i++) {
                String selectorPath = FieldPath.index(FieldPath.child(path, "selectors"), i);
                if (selectors.get(i) instanceof Map<?, ?> selector) {
                    Map<String, Object> allow = fields.map(cast(selector), "allow", selectorPath, false);
                    String allowPath = FieldPath.child(selectorPath, "allow");
                    from.addAll(ends(fields, allow, "from", allowPath));
                    to.addAll(ends(fields, allow, "to", allowPath));
                }
            }
        }
        return new RelationshipDeclaration(
                fields.string(rel, "id", path, false),
                fields.string(rel, "kind", path, true),
                fields.string(rel, "type", path, false),
                fields.string(rel, "subType", path, false),
                List.copyOf(from), List.copyOf(to),
                fields.string(rel, "status", path, false),
                fields.locate(path));
    }

    private List<String> ends(Fields fields, Map<String, Object> allow, String side, String allowPath) {
        List<String> ids = new ArrayList<>();
        List<Object> items = fields.list(allow, side, allowPath, false);
        if (items == null) {
            return ids;
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Map<?, ?> end) {
                String id = fields.string(cast(end), "id", FieldPath.index(FieldPath.child(allowPath, side), i), false);
                if (id != null) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
