package io.meshwright.spi.extension;

import java.util.Map;

/**
 * An operation an adapter offers (install a mesh's control plane, enable sidecar injection, …).
 *
 * @param name        stable name, e.g. {@code install-control-plane}
 * @param description a sentence for a user
 * @param parameters  parameter names with a description each
 */
public record OperationDescriptor(String name, String description, Map<String, String> parameters) {

    public OperationDescriptor {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
