package io.meshwright.spi.model;

import java.util.List;
import java.util.Objects;

/**
 * How components of two kinds relate, and what that means for deployment order and validation.
 *
 * @param model   the model that owns it
 * @param version definition version
 * @param kind    {@code hierarchical} or {@code edge}
 * @param type    e.g. {@code parent}, {@code binding}, {@code non-binding}
 * @param subType e.g. {@code inventory}, {@code network}, {@code mount}
 * @param from    kinds allowed on the "from" side
 * @param to      kinds allowed on the "to" side
 * @param status  {@code enabled}, {@code ignored}, {@code approved} …
 * @param ordering what the relationship implies for ordering
 */
public record RelationshipDefinition(
        ModelRef model,
        String version,
        String kind,
        String type,
        String subType,
        List<SelectorEnd> from,
        List<SelectorEnd> to,
        String status,
        Ordering ordering) {

    /** What a relationship implies for the order of deployment. */
    public enum Ordering {
        /** The "to" side is deployed before the "from" side (e.g. a parent before what it contains). */
        TO_FIRST,
        /** The "from" side is deployed before the "to" side. */
        FROM_FIRST,
        /** No ordering constraint. */
        NONE
    }

    public RelationshipDefinition {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(kind, "kind");
        from = from == null ? List.of() : List.copyOf(from);
        to = to == null ? List.of() : List.copyOf(to);
        ordering = ordering == null ? Ordering.NONE : ordering;
    }
}
