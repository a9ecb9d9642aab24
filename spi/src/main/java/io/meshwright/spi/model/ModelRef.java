package io.meshwright.spi.model;

import java.util.Objects;

/**
 * A reference to a model by name and, optionally, version.
 *
 * @param name    the model's name, e.g. {@code kubernetes} or {@code cert-manager}
 * @param version the model's version, or {@code null} for "any version" (the registry picks the newest)
 */
public record ModelRef(String name, String version) {

    public ModelRef {
        Objects.requireNonNull(name, "name");
    }

    public static ModelRef any(String name) {
        return new ModelRef(name, null);
    }

    @Override
    public String toString() {
        return version == null ? name : name + "@" + version;
    }
}
