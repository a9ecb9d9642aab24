package io.meshwright.engine.design;

import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed reads from one located document that record a located problem ("expected a string, but was a number")
 * instead of throwing, so that a reader reports every problem of a file in one pass.
 */
final class Fields {

    private final LocatedDocument document;
    private final List<Problem> problems;

    Fields(LocatedDocument document, List<Problem> problems) {
        this.document = document;
        this.problems = problems;
    }

    LocatedDocument document() {
        return document;
    }

    Location locate(String path) {
        return document.locate(path);
    }

    void error(String code, String message, String path) {
        problems.add(Problem.error(code, message, document.locate(path)));
    }

    void warning(String code, String message, String path) {
        problems.add(Problem.warning(code, message, document.locate(path)));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(Map<String, Object> parent, String key, String parentPath, boolean required) {
        Object value = parent == null ? null : parent.get(key);
        String path = FieldPath.child(parentPath, key);
        if (value == null) {
            if (required) {
                error("design.missing", "expected a mapping at " + key + ", but it is missing", path);
            }
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        error("design.type", "expected a mapping, but was " + describe(value), path);
        return null;
    }

    @SuppressWarnings("unchecked")
    List<Object> list(Map<String, Object> parent, String key, String parentPath, boolean required) {
        Object value = parent == null ? null : parent.get(key);
        String path = FieldPath.child(parentPath, key);
        if (value == null) {
            if (required) {
                error("design.missing", "expected a sequence at " + key + ", but it is missing", path);
            }
            return null;
        }
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        error("design.type", "expected a sequence, but was " + describe(value), path);
        return null;
    }

    /** A string; {@code null} when missing (an error when required) or of another type (always an error). */
    String string(Map<String, Object> parent, String key, String parentPath, boolean required) {
        Object value = parent == null ? null : parent.get(key);
        String path = FieldPath.child(parentPath, key);
        if (value == null || (value instanceof String text && text.isBlank())) {
            if (required) {
                error("design.missing", "expected a string at " + key + ", but it is "
                        + (value == null ? "missing" : "empty"), path);
            }
            return null;
        }
        if (value instanceof String text) {
            return text;
        }
        error("design.type", "expected a string, but was " + describe(value), path);
        return null;
    }

    /** A boolean; also accepts the strings {@code true}/{@code false} in any case, which older designs use. */
    boolean bool(Map<String, Object> parent, String key, String parentPath) {
        Object value = parent == null ? null : parent.get(key);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(text.toLowerCase());
        }
        error("design.type", "expected true or false, but was " + describe(value), FieldPath.child(parentPath, key));
        return false;
    }

    /** A list of strings; items of another type are reported and left out. */
    List<String> strings(Map<String, Object> parent, String key, String parentPath) {
        List<Object> items = list(parent, key, parentPath, false);
        List<String> result = new ArrayList<>();
        if (items == null) {
            return result;
        }
        String path = FieldPath.child(parentPath, key);
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item instanceof String text && !text.isBlank()) {
                result.add(text);
            } else {
                error("design.type", "expected a string, but was " + describe(item), FieldPath.index(path, i));
            }
        }
        return result;
    }

    static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case Map<?, ?> map -> "a mapping";
            case List<?> list -> "a sequence";
            case String text -> "the string \"" + abbreviate(text) + "\"";
            case Boolean flag -> "the boolean " + flag;
            case Number number -> "the number " + number;
            default -> value.getClass().getSimpleName();
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
