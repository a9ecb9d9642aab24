package io.meshwright.engine.design;

import java.util.regex.Pattern;

/**
 * Builds the field paths used in problem locations: {@code components[2].configuration.metadata.name}, with keys
 * that are not plain identifiers quoted ({@code metadata.labels["app.kubernetes.io/name"]}).
 */
final class FieldPath {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-]+");

    private FieldPath() {}

    static String child(String parent, String key) {
        String part = PLAIN.matcher(key).matches() ? key : "[\"" + key.replace("\"", "\\\"") + "\"]";
        if (parent == null || parent.isEmpty()) {
            return part.startsWith("[") ? part : part;
        }
        return part.startsWith("[") ? parent + part : parent + "." + part;
    }

    static String index(String parent, int index) {
        return (parent == null ? "" : parent) + "[" + index + "]";
    }
}
