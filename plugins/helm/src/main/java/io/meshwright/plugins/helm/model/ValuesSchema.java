package io.meshwright.plugins.helm.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON Schema inferred from a chart's {@code values.yaml} when it ships no {@code values.schema.json}: each key's
 * type from its default, objects open to further keys (charts read values they do not default), nothing required.
 */
final class ValuesSchema {

    private ValuesSchema() {}

    static Map<String, Object> infer(Map<String, Object> values) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");
        schema.putAll(of(values));
        return schema;
    }

    private static Map<String, Object> of(Object value) {
        Map<String, Object> schema = new LinkedHashMap<>();
        switch (value) {
            case Map<?, ?> map -> {
                schema.put("type", "object");
                Map<String, Object> properties = new LinkedHashMap<>();
                map.forEach((key, inner) -> properties.put(String.valueOf(key), of(inner)));
                if (!properties.isEmpty()) {
                    schema.put("properties", properties);
                }
            }
            case List<?> list -> {
                schema.put("type", "array");
                if (!list.isEmpty() && list.stream().allMatch(v -> v != null && v.getClass() == list.getFirst().getClass())) {
                    schema.put("items", of(list.getFirst()));
                }
            }
            case Boolean b -> schema.put("type", "boolean");
            case Integer i -> schema.put("type", "integer");
            case Long l -> schema.put("type", "integer");
            case java.math.BigInteger i -> schema.put("type", "integer");
            case Number n -> schema.put("type", "number");
            case String s -> schema.put("type", "string");
            case null -> { } // a null default says nothing about the type
            default -> { }
        }
        if (value != null && !(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
            schema.put("default", value);
        }
        return schema;
    }
}
