package io.meshwright.engine.design;

import io.meshwright.spi.Location;
import java.util.Map;

/**
 * One YAML document as plain Java values (maps, lists, strings, numbers, booleans, {@code null}) together with the
 * line and column of every node, keyed by field path, so that later checks can point at the exact line.
 */
final class LocatedDocument {

    private final Object root;
    private final Map<String, int[]> positions;
    private final String source;
    private final int index;

    LocatedDocument(Object root, Map<String, int[]> positions, String source, int index) {
        this.root = root;
        this.positions = positions;
        this.source = source;
        this.index = index;
    }

    Object root() {
        return root;
    }

    String source() {
        return source;
    }

    /** 0-based position of the document in its stream. */
    int index() {
        return index;
    }

    /**
     * The location of {@code path}; when the node itself has no recorded position (it was added by alias expansion,
     * or it is missing), the nearest enclosing node's position.
     */
    Location locate(String path) {
        String probe = path == null ? "" : path;
        while (true) {
            int[] position = positions.get(probe);
            if (position != null) {
                return new Location(source, position[0], position[1], path == null || path.isEmpty() ? null : path);
            }
            if (probe.isEmpty()) {
                return new Location(source, 0, 0, path == null || path.isEmpty() ? null : path);
            }
            probe = parentOf(probe);
        }
    }

    private static String parentOf(String path) {
        int cut = path.endsWith("]") ? path.lastIndexOf('[') : path.lastIndexOf('.');
        return cut <= 0 ? "" : path.substring(0, cut);
    }
}
