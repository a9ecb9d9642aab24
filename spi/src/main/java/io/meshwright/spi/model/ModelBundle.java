package io.meshwright.spi.model;

import java.util.List;
import java.util.Objects;

/**
 * A model with its definitions, as a {@link io.meshwright.spi.extension.ModelSource} produces it and the
 * registry imports it.
 */
public record ModelBundle(Model model, List<ComponentDefinition> components, List<RelationshipDefinition> relationships) {

    public ModelBundle {
        Objects.requireNonNull(model, "model");
        components = components == null ? List.of() : List.copyOf(components);
        relationships = relationships == null ? List.of() : List.copyOf(relationships);
    }
}
