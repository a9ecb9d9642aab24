package io.meshwright.spi.extension;

import io.meshwright.spi.model.ModelRef;
import java.util.List;

/**
 * Who an adapter is.
 *
 * @param name    e.g. {@code istio}
 * @param version the adapter's version
 * @param models  the models whose components the adapter provisions and validates
 */
public record AdapterInfo(String name, String version, List<ModelRef> models) {

    public AdapterInfo {
        models = List.copyOf(models);
    }
}
