package io.meshwright.engine.design;

import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.design.Design;
import io.meshwright.spi.model.Gvk;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CustomResourceDefinitions a design itself declares, indexed by the group and kind they define, so that a
 * custom resource in the same design can be matched to its CRD (for ordering, scope and schema) in constant time.
 */
public final class CrdDeclarations {

    /**
     * One declared CRD.
     *
     * @param component  the component declaring the CRD
     * @param group      {@code spec.group}
     * @param kind       {@code spec.names.kind}
     * @param namespaced {@code spec.scope == Namespaced}
     * @param schemas    {@code openAPIV3Schema} by served version name (empty map when the version has none)
     */
    public record Crd(ComponentDeclaration component, String group, String kind, boolean namespaced,
                      Map<String, Map<String, Object>> schemas) {

        public boolean defines(Gvk gvk) {
            return group.equals(gvk.group()) && kind.equals(gvk.kind()) && schemas.containsKey(gvk.version());
        }
    }

    private final Map<String, Crd> byGroupKind;

    private CrdDeclarations(Map<String, Crd> byGroupKind) {
        this.byGroupKind = byGroupKind;
    }

    public static CrdDeclarations of(Design design) {
        Map<String, Crd> index = new HashMap<>();
        for (ComponentDeclaration component : design.deployableComponents()) {
            if (isCrd(component.gvk())) {
                crd(component).ifPresent(crd -> index.putIfAbsent(new Gvk(crd.group(), "v", crd.kind()).groupKind(), crd));
            }
        }
        return new CrdDeclarations(index);
    }

    public static boolean isCrd(Gvk gvk) {
        return gvk.group().equals("apiextensions.k8s.io") && gvk.kind().equals("CustomResourceDefinition");
    }

    /** The declared CRD for the group and kind of {@code gvk} (any version). */
    public Optional<Crd> forKind(Gvk gvk) {
        return Optional.ofNullable(byGroupKind.get(gvk.groupKind()));
    }

    public List<Crd> all() {
        return List.copyOf(byGroupKind.values());
    }

    private static Optional<Crd> crd(ComponentDeclaration component) {
        Map<?, ?> spec = component.configuration().get("spec") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> names = spec.get("names") instanceof Map<?, ?> m ? m : Map.of();
        if (!(spec.get("group") instanceof String group) || !(names.get("kind") instanceof String kind)) {
            return Optional.empty();
        }
        Map<String, Map<String, Object>> schemas = new LinkedHashMap<>();
        if (spec.get("versions") instanceof List<?> versions) {
            for (Object version : versions) {
                if (version instanceof Map<?, ?> v && v.get("name") instanceof String name) {
                    schemas.put(name, openApiSchema(v));
                }
            }
        }
        return Optional.of(new Crd(component, group, kind, !"Cluster".equals(spec.get("scope")), schemas));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> openApiSchema(Map<?, ?> version) {
        if (version.get("schema") instanceof Map<?, ?> schema && schema.get("openAPIV3Schema") instanceof Map<?, ?> open) {
            return (Map<String, Object>) open;
        }
        return Map.of();
    }
}
