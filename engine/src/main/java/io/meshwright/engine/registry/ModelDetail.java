package io.meshwright.engine.registry;

import java.util.List;

/**
 * One model with everything it owns, including the stored documents (JSON text, exactly as imported).
 *
 * @param summary       the model
 * @param document      the model document
 * @param components    its component definitions, each with its document
 * @param relationships its relationship definitions, each with its document
 */
public record ModelDetail(
        ModelSummary summary, String document, List<StoredComponent> components, List<StoredRelationship> relationships) {

    public ModelDetail {
        components = List.copyOf(components);
        relationships = List.copyOf(relationships);
    }

    /** A component definition and its document. */
    public record StoredComponent(ComponentSummary summary, String document) {}

    /** A relationship definition and its document. */
    public record StoredRelationship(RelationshipSummary summary, String document) {}
}
