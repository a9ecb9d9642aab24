package io.meshwright.engine.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading and copying Kubernetes objects held as JSON trees ({@code Map<String, Object>}), without binding
 * them to typed models: the applier handles any kind the cluster serves, including custom resources.
 */
final class ObjectTree {

    private ObjectTree() {}

    /** The value at {@code path} (map keys), or empty when any step is missing or not a map. */
    static Optional<Object> at(Map<String, Object> tree, String... path) {
        Object current = tree;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            current = map.get(key);
        }
        return Optional.ofNullable(current);
    }

    static Optional<String> string(Map<String, Object> tree, String... path) {
        return at(tree, path).map(String::valueOf);
    }

    static Optional<Long> number(Map<String, Object> tree, String... path) {
        return at(tree, path).flatMap(value -> switch (value) {
            case Number n -> Optional.of(n.longValue());
            case String s -> parseLong(s);
            default -> Optional.empty();
        });
    }

    static long numberOr(Map<String, Object> tree, long fallback, String... path) {
        return number(tree, path).orElse(fallback);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> tree, String... path) {
        return at(tree, path).filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).orElse(Map.of());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Map<String, Object> tree, String... path) {
        Optional<Object> value = at(tree, path);
        if (value.isEmpty() || !(value.get() instanceof List<?> list)) {
            return List.of();
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> m) {
                result.add((Map<String, Object>) m);
            }
        }
        return result;
    }

    static List<String> strings(Map<String, Object> tree, String... path) {
        Optional<Object> value = at(tree, path);
        if (value.isEmpty() || !(value.get() instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(String::valueOf).toList();
    }

    /** The condition of {@code type} in {@code status.conditions}, if reported. */
    static Optional<Map<String, Object>> condition(Map<String, Object> object, String type) {
        return maps(object, "status", "conditions").stream()
                .filter(c -> type.equals(c.get("type")))
                .findFirst();
    }

    static boolean conditionTrue(Map<String, Object> object, String type) {
        return condition(object, type).map(c -> "True".equals(String.valueOf(c.get("status")))).orElse(false);
    }

    /** A deep, mutable copy of a JSON tree. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<String, Object> tree) {
        return (Map<String, Object>) copyValue(tree);
    }

    /** The map at {@code key}, created (and put) when missing; the tree must be mutable. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> child(Map<String, Object> tree, String key) {
        Object value = tree.get(key);
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        tree.put(key, created);
        return created;
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), copyValue(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(copyValue(item)));
            return copy;
        }
        return value;
    }

    private static Optional<Long> parseLong(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
