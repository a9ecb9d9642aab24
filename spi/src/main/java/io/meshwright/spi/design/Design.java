package io.meshwright.spi.design;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What should run: components and the relationships between them.
 *
 * @param id            the design's id (stable across its versions)
 * @param name          the design's name
 * @param version       the design's version
 * @param components    declared components, in file order
 * @param relationships declared relationships
 * @param source        the file or name it was read from, for messages
 */
public record Design(
        String id,
        String name,
        String version,
        List<ComponentDeclaration> components,
        List<RelationshipDeclaration> relationships,
        String source) {

    public Design {
        Objects.requireNonNull(name, "name");
        components = components == null ? List.of() : List.copyOf(components);
        relationships = relationships == null ? List.of() : List.copyOf(relationships);
    }

    public Optional<ComponentDeclaration> component(String componentId) {
        return components.stream().filter(c -> c.id().equals(componentId)).findFirst();
    }

    /** The components that are deployed: all but annotation-only ones. */
    public List<ComponentDeclaration> deployableComponents() {
        return components.stream().filter(c -> !c.annotation()).toList();
    }
}
