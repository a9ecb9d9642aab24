package io.meshwright.engine.design;

import io.meshwright.spi.design.RelationshipDeclaration;
import java.util.List;

/** What a format reader produced: the design's identity, its component drafts, relationships and their patches. */
record DesignDraft(
        String id, String name, String version, List<ComponentDraft> components, List<RelationshipDeclaration> relationships,
        List<FieldPatch> patches) {

    DesignDraft(String id, String name, String version, List<ComponentDraft> components,
                List<RelationshipDeclaration> relationships) {
        this(id, name, version, components, relationships, List.of());
    }
}
