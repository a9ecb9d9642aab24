package io.meshwright.engine.registry;

import io.meshwright.spi.model.ModelStatus;

/**
 * Filters for listing component definitions; {@code null} means "any".
 *
 * @param search     case-insensitive substring of kind, display name or model name
 * @param model      exact model name
 * @param kind       exact kind
 * @param apiVersion exact apiVersion
 * @param registrant exact registrant
 * @param status     the owning model's status
 * @param offset     first entry (0-based)
 * @param limit      page size (1–1000)
 */
public record ComponentQuery(
        String search, String model, String kind, String apiVersion, String registrant, ModelStatus status,
        int offset, int limit) {

    public static ComponentQuery all() {
        return new ComponentQuery(null, null, null, null, null, null, 0, 100);
    }
}
