package io.meshwright.engine.registry;

/**
 * Filters for listing relationship definitions; {@code null} means "any".
 *
 * @param search  case-insensitive substring of kind, type, subType or model name
 * @param model   exact model name
 * @param kind    exact relationship kind ({@code hierarchical}, {@code edge})
 * @param type    exact type
 * @param subType exact subType
 * @param involving a component kind that must appear on either side (or the side is {@code *})
 * @param offset  first entry (0-based)
 * @param limit   page size (1–1000)
 */
public record RelationshipQuery(
        String search, String model, String kind, String type, String subType, String involving, int offset, int limit) {

    public static RelationshipQuery all() {
        return new RelationshipQuery(null, null, null, null, null, null, 0, 100);
    }
}
