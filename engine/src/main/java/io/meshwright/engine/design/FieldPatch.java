package io.meshwright.engine.design;

import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value a relationship copies from one component into another (Meshery's selector {@code patch}: the
 * {@code mutatorRef} path of one end feeds the {@code mutatedRef} path of the other, e.g. a Namespace's
 * {@code displayName} into a ConfigMap's {@code configuration.metadata.namespace}).
 *
 * <p>Applied conservatively: a field the component already sets is kept (with a warning when it differs), since a
 * value written by hand is more likely meant than one a drawing tool derived.
 *
 * @param sourceId   component that provides the value
 * @param sourcePath path in it, e.g. {@code [displayName]}
 * @param targetId   component that receives it
 * @param targetPath path in it, e.g. {@code [configuration, metadata, namespace]}
 * @param location   the relationship's location
 */
record FieldPatch(String sourceId, List<String> sourcePath, String targetId, List<String> targetPath, Location location) {

    static List<ComponentDraft> apply(List<FieldPatch> patches, List<ComponentDraft> drafts, List<Problem> problems) {
        if (patches.isEmpty()) {
            return drafts;
        }
        Map<String, ComponentDraft> byId = new HashMap<>();
        drafts.forEach(d -> byId.putIfAbsent(d.id(), d));
        for (FieldPatch patch : patches) {
            ComponentDraft source = byId.get(patch.sourceId());
            ComponentDraft target = byId.get(patch.targetId());
            if (source == null || target == null || patch.targetPath().size() < 2
                    || !"configuration".equals(patch.targetPath().get(0))) {
                continue;
            }
            Object value = read(source, patch.sourcePath());
            if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
                continue;
            }
            Map<String, Object> configuration = new LinkedHashMap<>(target.configuration());
            Object current = write(configuration, patch.targetPath().subList(1, patch.targetPath().size()), value);
            if (current != null && !current.equals(value)) {
                problems.add(Problem.warning("design.relationship.patch", "relationship asks for "
                        + String.join(".", patch.targetPath()) + " = " + value + " on component " + target.name()
                        + ", which sets " + current + "; kept " + current, patch.location()));
                continue;
            }
            String namespace = patch.targetPath().equals(List.of("configuration", "metadata", "namespace"))
                    ? String.valueOf(value) : target.namespace();
            ComponentDraft patched = target.with(configuration, namespace, target.dependsOn());
            byId.put(target.id(), patched);
        }
        return drafts.stream().map(d -> byId.getOrDefault(d.id(), d)).toList();
    }

    private static Object read(ComponentDraft draft, List<String> path) {
        if (path.isEmpty()) {
            return null;
        }
        Object value = switch (path.get(0)) {
            case "displayName", "name" -> draft.name();
            case "id" -> draft.id();
            case "configuration" -> draft.configuration();
            default -> null;
        };
        for (String segment : path.subList(1, path.size())) {
            value = value instanceof Map<?, ?> map ? map.get(segment) : null;
        }
        return value;
    }

    /** Sets the value where the path is free; returns what was there already (and then changes nothing). */
    @SuppressWarnings("unchecked")
    private static Object write(Map<String, Object> root, List<String> path, Object value) {
        Map<String, Object> map = root;
        for (String segment : path.subList(0, path.size() - 1)) {
            Object next = map.get(segment);
            if (next instanceof Map<?, ?> existing) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) existing);
                map.put(segment, copy);
                map = copy;
            } else if (next == null) {
                Map<String, Object> created = new LinkedHashMap<>();
                map.put(segment, created);
                map = created;
            } else {
                return next;
            }
        }
        String last = path.get(path.size() - 1);
        Object current = map.get(last);
        if (current == null) {
            map.put(last, value);
        }
        return current;
    }
}
