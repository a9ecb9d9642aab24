package io.meshwright.spi.extension;

import io.meshwright.spi.Problem;
import java.util.List;

/**
 * What registering a model bundle did.
 *
 * @param created   entities that were new (e.g. {@code model cert-manager@v1.0.0}, {@code component Certificate})
 * @param updated   entities whose content changed
 * @param unchanged how many entities were already stored as given
 * @param rejected  problems of entities that were not stored
 */
public record RegistrationResult(List<String> created, List<String> updated, int unchanged, List<Problem> rejected) {

    public RegistrationResult {
        created = List.copyOf(created);
        updated = List.copyOf(updated);
        rejected = List.copyOf(rejected);
    }
}
