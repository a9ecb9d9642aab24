package io.meshwright.spi.design;

import io.meshwright.spi.Location;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.ModelRef;
import io.meshwright.spi.model.SourceRef;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A component as a design declares it: an instance-to-be of a registry component definition, with its
 * configuration.
 *
 * <p>For a plain Kubernetes object, {@code configuration} holds the object's fields other than
 * {@code apiVersion} and {@code kind} (that is {@code metadata}, {@code spec}, {@code data}, …); the object's
 * name is {@code name} unless {@code configuration.metadata.name} says otherwise. A component whose
 * {@code source} is set (a Helm chart, a Git path) is deployed from that source by the deployer that
 * {@linkplain io.meshwright.spi.extension.Deployer#supports supports} it.
 *
 * @param id            unique within the design; stable across versions of the design
 * @param name          the component's (and by default the object's) name
 * @param model         the model that defines the kind
 * @param gvk           the kind
 * @param namespace     the namespace for namespaced kinds, {@code null} for the default or cluster-scoped
 * @param configuration the configuration as a JSON tree; never {@code null}
 * @param dependsOn     ids of components that must be deployed (and healthy) first
 * @param annotation    {@code true} for annotation-only components (drawings, notes), which are never deployed
 * @param source        where to deploy it from, or {@code null} for an object built from the configuration
 * @param location      where the declaration stands in its file
 */
public record ComponentDeclaration(
        String id,
        String name,
        ModelRef model,
        Gvk gvk,
        String namespace,
        Map<String, Object> configuration,
        List<String> dependsOn,
        boolean annotation,
        SourceRef source,
        Location location) {

    public ComponentDeclaration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(gvk, "gvk");
        configuration = configuration == null ? Map.of() : configuration;
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }
}
