package io.meshwright.spi.model;

import java.util.Map;
import java.util.Objects;

/**
 * Where something comes from: a chart, a repository path at a ref, a file, a bundle, a cluster.
 *
 * @param type     the kind of source: {@code helm}, {@code git}, {@code file}, {@code oci}, {@code cluster}, …
 * @param location a URL, path or chart reference
 * @param ref      a version, tag, branch or commit; {@code null} for the default
 * @param path     a path inside the source (a folder in a repository); {@code null} for the root
 * @param options  further source-specific settings (e.g. Helm values file, chart name), never {@code null}
 */
public record SourceRef(String type, String location, String ref, String path, Map<String, String> options) {

    public SourceRef {
        Objects.requireNonNull(type, "type");
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public static SourceRef of(String type, String location) {
        return new SourceRef(type, location, null, null, Map.of());
    }
}
