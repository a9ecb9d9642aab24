package io.meshwright.engine.design;

import io.meshwright.spi.Location;

/**
 * Where each component's fields stand in the file it was read from, so that later checks (schema validation)
 * can point at a line.
 */
@FunctionalInterface
public interface DesignSourceMap {

    /**
     * The location of {@code configurationPath} (e.g. {@code spec.replicas}, or {@code ""} for the whole
     * configuration) inside the configuration of component {@code componentId}; the nearest enclosing known
     * position when that field has none.
     */
    Location locate(String componentId, String configurationPath);

    /** A map that knows no positions: every location names only the design's source. */
    static DesignSourceMap none(String source) {
        return (id, path) -> new Location(source, 0, 0, path);
    }
}
