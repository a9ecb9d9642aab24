package io.meshwright.engine.cluster;

import io.meshwright.spi.model.Gvk;
import java.util.List;
import java.util.Map;

/**
 * What a scan of every served kind found.
 *
 * @param found     objects carrying the deployment's label
 * @param unscanned kinds that could not be listed, with the reason (so that "0 left" is never claimed blindly)
 * @param kindsScanned how many kinds were listed
 */
public record OrphanScan(List<LabelledObject> found, Map<Gvk, String> unscanned, int kindsScanned) {
    public OrphanScan {
        found = List.copyOf(found);
        unscanned = Map.copyOf(unscanned);
    }
}
