package io.meshwright.spi.design;

import io.meshwright.spi.Location;
import java.util.List;

/**
 * A relationship a design declares between its components.
 *
 * @param id       unique within the design
 * @param kind     {@code hierarchical} or {@code edge}
 * @param type     e.g. {@code parent}
 * @param subType  e.g. {@code inventory}
 * @param from     ids of the components on the "from" side
 * @param to       ids of the components on the "to" side
 * @param status   e.g. {@code approved}; {@code null} when not given
 * @param location where the declaration stands in its file
 */
public record RelationshipDeclaration(
        String id,
        String kind,
        String type,
        String subType,
        List<String> from,
        List<String> to,
        String status,
        Location location) {

    public RelationshipDeclaration {
        from = from == null ? List.of() : List.copyOf(from);
        to = to == null ? List.of() : List.copyOf(to);
    }
}
