package io.meshwright.engine.inventory;

import io.meshwright.spi.deploy.ToolMarks;
import java.util.List;
import java.util.Map;

/** Whether a live object carries a tool's marks: the way recovery tells the tool's object from a stranger's. */
final class ToolObjects {

    private ToolObjects() {}

    /** Whether {@code object} (a live object's JSON tree) has one of {@code marks}'s field managers or annotations. */
    static boolean carries(Map<String, Object> object, ToolMarks marks) {
        return marks.marks(managers(object), annotations(object));
    }

    /** The managers of the object's {@code metadata.managedFields} entries. */
    static List<String> managers(Map<String, Object> object) {
        if (!(metadata(object).get("managedFields") instanceof List<?> entries)) {
            return List.of();
        }
        return entries.stream().filter(Map.class::isInstance).map(entry -> ((Map<?, ?>) entry).get("manager"))
                .filter(String.class::isInstance).map(String.class::cast).toList();
    }

    private static Map<String, String> annotations(Map<String, Object> object) {
        if (!(metadata(object).get("annotations") instanceof Map<?, ?> annotations)) {
            return Map.of();
        }
        Map<String, String> strings = new java.util.HashMap<>();
        annotations.forEach((key, value) -> {
            if (key instanceof String k && value instanceof String v) {
                strings.put(k, v);
            }
        });
        return strings;
    }

    private static Map<?, ?> metadata(Map<String, Object> object) {
        return object.get("metadata") instanceof Map<?, ?> metadata ? metadata : Map.of();
    }
}
