package io.meshwright.engine.registry;

import io.meshwright.spi.model.ModelStatus;

/**
 * Filters for listing models; {@code null} means "any".
 *
 * @param search     case-insensitive substring of name or display name
 * @param registrant exact registrant
 * @param category   exact category
 * @param status     enabled or ignored
 * @param offset     first entry (0-based)
 * @param limit      page size (1–1000)
 */
public record ModelQuery(String search, String registrant, String category, ModelStatus status, int offset, int limit) {

    public static ModelQuery all() {
        return new ModelQuery(null, null, null, null, 0, 100);
    }
}
