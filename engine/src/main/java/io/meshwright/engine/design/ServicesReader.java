package io.meshwright.engine.design;

import io.meshwright.spi.design.RelationshipDeclaration;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.ModelRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the older {@code services:} pattern (v1alpha1/v1alpha2). Each entry of the {@code services} map is a
 * component whose id is its key: {@code type} is the kind ({@code Deployment.K8s} names a Kubernetes kind; the
 * apiVersion then comes from {@code apiVersion} or the built-in kind table), {@code settings} is the object body,
 * {@code namespace}, {@code labels} and {@code annotations} go to the object's metadata, {@code dependsOn} names
 * other services by key or name, {@code isAnnotation} (or {@code traits.meshmap.model-metadata.isAnnotation})
 * marks drawings, and
 * {@code traits.meshmap.parent} (a drawing's parent node) becomes a hierarchical parent relationship.
 */
final class ServicesReader {

    private static final String K8S_SUFFIX = ".K8s";

    private final BuiltinKinds builtins;

    ServicesReader(BuiltinKinds builtins) {
        this.builtins = builtins;
    }

    DesignDraft read(Fields fields, Map<String, Object> root) {
        String name = fields.string(root, "name", "", false);
        Map<String, Object> services = fields.map(root, "services", "", true);
        List<ComponentDraft> components = new ArrayList<>();
        Map<String, String> keyByDrawingId = new HashMap<>();
        Map<String, String> parentDrawingByKey = new LinkedHashMap<>();
        if (services != null) {
            services.forEach((key, value) -> {
                String path = FieldPath.child("services", key);
                if (value instanceof Map<?, ?> service) {
                    ComponentDraft draft = service(fields, key, V1beta1Reader.cast(service), path);
                    if (draft != null) {
                        components.add(draft);
                    }
                    Map<String, Object> meshmap = meshmap(V1beta1Reader.cast(service));
                    if (meshmap != null && meshmap.get("id") instanceof String drawingId) {
                        keyByDrawingId.put(drawingId, key);
                    }
                    if (meshmap != null && meshmap.get("parent") instanceof String parent && !parent.isBlank()) {
                        parentDrawingByKey.put(key, parent);
                    }
                } else {
                    fields.error("design.type", "expected a service mapping, but was " + Fields.describe(value), path);
                }
            });
        }
        List<RelationshipDeclaration> relationships = new ArrayList<>();
        parentDrawingByKey.forEach((child, parentDrawing) -> {
            String parent = keyByDrawingId.get(parentDrawing);
            if (parent != null) {
                relationships.add(new RelationshipDeclaration("parent-of-" + child, "hierarchical", "parent", "inventory",
                        List.of(child), List.of(parent), "approved",
                        fields.locate(FieldPath.child(FieldPath.child("services", child), "traits.meshmap.parent"))));
            }
        });
        return new DesignDraft(null, name, fields.string(root, "version", "", false),
                components, relationships);
    }

    private ComponentDraft service(Fields fields, String key, Map<String, Object> service, String path) {
        String type = fields.string(service, "type", path, true);
        if (type == null) {
            return null;
        }
        boolean k8s = type.endsWith(K8S_SUFFIX);
        String kind = k8s ? type.substring(0, type.length() - K8S_SUFFIX.length()) : type;
        String apiVersion = fields.string(service, "apiVersion", path, false);
        Gvk gvk;
        if (apiVersion != null) {
            gvk = Gvk.of(apiVersion, kind);
        } else if (builtins.preferred(kind).isPresent()) {
            gvk = builtins.preferred(kind).get();
        } else {
            fields.warning("design.apiVersion.unknown", "type " + type + " names no apiVersion and is not a built-in "
                    + "Kubernetes kind; only a registry model or an adapter can resolve it", FieldPath.child(path, "type"));
            gvk = new Gvk("", "", kind);
        }
        String modelName = fields.string(service, "model", path, false);
        ModelRef model = modelName != null ? ModelRef.any(modelName)
                : k8s || builtins.isBuiltin(gvk) ? ModelRef.any(ModelInference.KUBERNETES)
                : ModelRef.any(gvk.group().isEmpty() ? kind.toLowerCase() : gvk.group());
        String name = fields.string(service, "name", path, false);
        String namespace = fields.string(service, "namespace", path, false);
        Map<String, Object> settings = fields.map(service, "settings", path, false);
        Map<String, Object> configuration = settings == null ? new LinkedHashMap<>() : new LinkedHashMap<>(settings);
        Map<String, Object> metadata = configuration.get("metadata") instanceof Map<?, ?> m
                ? new LinkedHashMap<>(V1beta1Reader.cast(m)) : new LinkedHashMap<>();
        Map<String, Object> labels = fields.map(service, "labels", path, false);
        Map<String, Object> annotations = fields.map(service, "annotations", path, false);
        if (labels != null) {
            metadata.putIfAbsent("labels", labels);
        }
        if (annotations != null) {
            metadata.putIfAbsent("annotations", annotations);
        }
        if (!metadata.isEmpty()) {
            configuration.put("metadata", metadata);
        }
        Map<String, Object> meshmap = meshmap(service);
        boolean annotation = fields.bool(service, "isAnnotation", path)
                || isAnnotation(meshmap, "model-metadata") || isAnnotation(meshmap, "meshmodel-metadata");
        return new ComponentDraft(key, name == null ? key : name, model, gvk, namespace, configuration,
                fields.strings(service, "dependsOn", path), annotation, fields.document(), path,
                FieldPath.child(path, "settings"));
    }

    private static Map<String, Object> meshmap(Map<String, Object> service) {
        if (service.get("traits") instanceof Map<?, ?> traits && traits.get("meshmap") instanceof Map<?, ?> meshmap) {
            return V1beta1Reader.cast(meshmap);
        }
        return null;
    }

    private static boolean isAnnotation(Map<String, Object> meshmap, String key) {
        if (meshmap != null && meshmap.get(key) instanceof Map<?, ?> metadata) {
            Object flag = metadata.get("isAnnotation");
            return Boolean.TRUE.equals(flag) || (flag instanceof String text && text.equalsIgnoreCase("true"));
        }
        return false;
    }
}
