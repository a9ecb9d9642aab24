package io.meshwright.plugins.helm.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * YAML as plain Java trees. SnakeYAML rather than Jackson because charts' values files use anchors and aliases,
 * which Jackson leaves unexpanded. Safe constructor only: chart content is untrusted input.
 */
public final class Yaml {

    private Yaml() {}

    private static org.yaml.snakeyaml.Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        options.setMaxAliasesForCollections(200);
        return new org.yaml.snakeyaml.Yaml(new SafeConstructor(options));
    }

    /** One document as a map; an empty document gives an empty map. */
    public static Map<String, Object> map(String text, String what) {
        Object value = yaml().load(text);
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new ChartException(what + " is not a YAML mapping");
        }
        return stringKeys(map);
    }

    /** Every non-empty mapping document of a multi-document stream (rendered manifests). */
    public static List<Map<String, Object>> documents(String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : yaml().loadAll(text)) {
            if (document instanceof Map<?, ?> map && !map.isEmpty()) {
                documents.add(stringKeys(map));
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value instanceof Map<?, ?> inner ? stringKeys(inner)
                : value instanceof List<?> list ? list.stream().map(v -> v instanceof Map<?, ?> m ? stringKeys(m) : v).toList()
                : value));
        return copy;
    }

    /** Reads {@code tree.a.b.c}, or null. */
    public static Object at(Map<String, Object> tree, String... path) {
        Object current = tree;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    public static String string(Map<String, Object> tree, String... path) {
        Object value = at(tree, path);
        return value == null ? null : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> mapAt(Map<String, Object> tree, String... path) {
        return at(tree, path) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
