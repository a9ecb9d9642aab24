package io.meshwright.engine.design;

import io.meshwright.spi.deploy.Namespaces;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.model.Gvk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Builds the Kubernetes object a component declares: {@code apiVersion} and {@code kind} from the component's kind,
 * the rest from its configuration (deep-copied, so the declaration is never changed), {@code metadata.name} from
 * {@code configuration.metadata.name} or else the component's name, and {@code metadata.namespace} for namespaced
 * kinds from the configuration, else the declaration, else the default namespace. Cluster-scoped objects get no
 * namespace even when the file gave one (older designs do).
 */
public final class ManifestObjects {

    private final Predicate<Gvk> namespaced;

    /** @param namespaced whether a kind is namespaced (see {@link KindScopes#isNamespaced}) */
    public ManifestObjects(Predicate<Gvk> namespaced) {
        this.namespaced = namespaced;
    }

    /** The object as a JSON tree, ready for server-side apply. */
    public Map<String, Object> toObject(ComponentDeclaration component, String defaultNamespace) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", component.gvk().apiVersion());
        object.put("kind", component.gvk().kind());
        component.configuration().forEach((key, value) -> {
            if (!key.equals("apiVersion") && !key.equals("kind")) {
                object.put(key, copy(value));
            }
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = object.get("metadata") instanceof Map<?, ?> m
                ? (Map<String, Object>) m : new LinkedHashMap<>();
        object.put("metadata", metadata);
        if (!(metadata.get("name") instanceof String name) || name.isBlank()) {
            metadata.put("name", component.name());
        }
        String namespace = namespaceOf(component, defaultNamespace);
        if (namespace == null) {
            metadata.remove("namespace");
        } else {
            metadata.put("namespace", namespace);
        }
        return object;
    }

    /** The object's kind, namespace and name. */
    public ResourceRef ref(ComponentDeclaration component, String defaultNamespace) {
        Object configured = component.configuration().get("metadata") instanceof Map<?, ?> m ? m.get("name") : null;
        String name = configured instanceof String n && !n.isBlank() ? n : component.name();
        return new ResourceRef(component.gvk(), namespaceOf(component, defaultNamespace), name);
    }

    private String namespaceOf(ComponentDeclaration component, String defaultNamespace) {
        Object configured = component.configuration().get("metadata") instanceof Map<?, ?> m ? m.get("namespace") : null;
        return Namespaces.resolve(namespaced.test(component.gvk()),
                Namespaces.declared(configured instanceof String text ? text : null, component.namespace()), defaultNamespace);
    }

    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(copy(v)));
            return copy;
        }
        return value;
    }
}
