package io.meshwright.engine.lifecycle;

import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.design.Design;
import io.meshwright.spi.extension.ClusterView;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.ModelRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Namespaces a design puts objects in without declaring them, and that the cluster does not have (Meshery's
 * emojivoto design, say). Like Helm's {@code --create-namespace}, they are created by default: each becomes a
 * component of the design, so it is planned first, applied, inventoried and removed on undeploy under the
 * shared-namespace rule. With {@code --no-create-namespace} they are problems naming each namespace and the
 * first component that uses it.
 */
public final class ImplicitNamespaces {

    static final Gvk NAMESPACE = new Gvk("", "v1", "Namespace");

    private ImplicitNamespaces() {}

    /**
     * Namespace name → the first component that uses it, for namespaces the design does not declare and that are
     * either missing from the cluster or were created for this deployment before ({@code createdBefore}: a
     * re-deploy keeps them, or the prune would take them).
     */
    public static Map<String, ComponentDeclaration> missing(Design design, ClusterView cluster, java.util.Set<String> createdBefore) {
        List<String> declared = design.components().stream()
                .filter(c -> !c.annotation() && c.gvk().group().isEmpty() && c.gvk().kind().equals("Namespace"))
                .map(ImplicitNamespaces::objectName)
                .toList();
        Map<String, ComponentDeclaration> missing = new LinkedHashMap<>();
        for (ComponentDeclaration component : design.components()) {
            String namespace = component.namespace();
            if (component.annotation() || namespace == null || namespace.isEmpty() || declared.contains(namespace)
                    || missing.containsKey(namespace)
                    || cluster.namespaced(component.gvk()).filter(namespaced -> !namespaced).isPresent()) {
                continue;
            }
            if (createdBefore.contains(namespace) || cluster.get(new ResourceRef(NAMESPACE, null, namespace)).isEmpty()) {
                missing.put(namespace, component);
            }
        }
        return missing;
    }

    /** {@code design} with a Namespace component for each of {@code missing}. */
    public static Design withNamespaces(Design design, Map<String, ComponentDeclaration> missing) {
        List<ComponentDeclaration> components = new ArrayList<>(design.components());
        missing.forEach((namespace, user) -> components.add(new ComponentDeclaration("namespace:" + namespace,
                namespace, new ModelRef("kubernetes", null), NAMESPACE, null,
                Map.of("metadata", Map.of("name", namespace)), List.of(), false, null, user.location())));
        return new Design(design.id(), design.name(), design.version(), components, design.relationships(),
                design.source());
    }

    /** One problem per missing namespace, located at the first component that uses it. */
    public static List<Problem> problems(Map<String, ComponentDeclaration> missing) {
        return missing.entrySet().stream().map(e -> Problem.error("design.namespace.missing", "namespace "
                + e.getKey() + " (used by " + e.getValue().name() + ") exists neither in the design nor on the cluster;"
                + " declare it, or deploy without --no-create-namespace to have it created",
                Optional.ofNullable(e.getValue().location()).orElse(Location.of("design")))).toList();
    }

    private static String objectName(ComponentDeclaration component) {
        if (component.configuration().get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("name") instanceof String name) {
            return name;
        }
        return component.name();
    }
}
