package io.meshwright.engine.registry;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items  the entries on this page
 * @param total  how many entries match in all
 * @param offset index of the first entry on this page
 * @param limit  the page size asked for
 */
public record Page<T>(List<T> items, long total, int offset, int limit) {
    public Page {
        items = List.copyOf(items);
    }
}
