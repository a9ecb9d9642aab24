package io.meshwright.engine.registry;

import java.util.List;

/**
 * A stored relationship definition as listings show it.
 *
 * @param key          content-derived key: model key, definition version, kind, type, subType and the selected kinds
 * @param modelKey     the owning model's key
 * @param model        owning model's name
 * @param modelVersion owning model's upstream version
 * @param kind         {@code hierarchical}, {@code edge}, …
 * @param type         {@code parent}, {@code binding}, …
 * @param subType      {@code inventory}, {@code network}, …
 * @param fromKinds    kinds allowed on the "from" side ({@code *} for any)
 * @param toKinds      kinds allowed on the "to" side
 * @param status       as given ({@code enabled}, {@code approved}, …)
 * @param version      definition version
 */
public record RelationshipSummary(
        String key,
        String modelKey,
        String model,
        String modelVersion,
        String kind,
        String type,
        String subType,
        List<String> fromKinds,
        List<String> toKinds,
        String status,
        String version) {

    public RelationshipSummary {
        fromKinds = List.copyOf(fromKinds);
        toKinds = List.copyOf(toKinds);
    }
}
