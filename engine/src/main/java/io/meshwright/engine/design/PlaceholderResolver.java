package io.meshwright.engine.design;

import io.meshwright.spi.Problem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code $(#ref.<component>.<path>)} placeholders in components' configuration, namespace and
 * {@code dependsOn}.
 *
 * <p>Supported syntax (Meshery's filler matches {@code $(#ref.…)} and reads a path into the design; ours names the
 * component first, so a path survives reordering):
 * <ul>
 *   <li>{@code <component>} is a component id, or a component name that only one component has; when a name
 *       contains dots, the longest id or name that matches wins.</li>
 *   <li>{@code <path>} is {@code id}, {@code name}, {@code namespace}, {@code kind}, {@code apiVersion},
 *       {@code model}, or {@code configuration.<dotted path>}; a numeric segment indexes a sequence
 *       ({@code configuration.spec.ports.0.port}).</li>
 *   <li>A string that is exactly one placeholder takes the referenced value with its type (a number stays a
 *       number, a mapping is copied); placeholders inside a longer string are replaced by the scalar's text.</li>
 *   <li>A referenced value may itself hold placeholders; a chain that comes back to itself is a problem.</li>
 * </ul>
 * A placeholder that names no component, no value, or a non-scalar inside a longer string is a located problem and
 * is left as written.
 */
final class PlaceholderResolver {

    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\(#ref\\.([^)]+)\\)");

    private final List<ComponentDraft> drafts;
    private final Map<String, Integer> byId = new HashMap<>();
    private final Map<String, List<Integer>> byName = new HashMap<>();
    private final List<Problem> problems;

    PlaceholderResolver(List<ComponentDraft> drafts, List<Problem> problems) {
        this.drafts = drafts;
        this.problems = problems;
        for (int i = 0; i < drafts.size(); i++) {
            byId.putIfAbsent(drafts.get(i).id(), i);
            byName.computeIfAbsent(drafts.get(i).name(), n -> new ArrayList<>()).add(i);
        }
    }

    /** The drafts with every resolvable placeholder replaced. */
    List<ComponentDraft> resolve() {
        List<ComponentDraft> resolved = new ArrayList<>(drafts.size());
        for (ComponentDraft draft : drafts) {
            Deque<String> stack = new ArrayDeque<>();
            @SuppressWarnings("unchecked")
            Map<String, Object> configuration = (Map<String, Object>) walk(draft.configuration(), draft, draft.configurationPath(), stack);
            Object namespace = draft.namespace() == null ? null : text(draft.namespace(), draft, draft.path(), stack);
            List<String> dependsOn = new ArrayList<>();
            for (String dependency : draft.dependsOn()) {
                dependsOn.add(String.valueOf(text(dependency, draft, draft.path(), stack)));
            }
            resolved.add(draft.with(configuration, namespace == null ? null : String.valueOf(namespace), dependsOn));
        }
        return resolved;
    }

    private Object walk(Object value, ComponentDraft owner, String path, Deque<String> stack) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, walk(v, owner, FieldPath.child(path, (String) k), stack)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(walk(list.get(i), owner, FieldPath.index(path, i), stack));
            }
            return copy;
        }
        if (value instanceof String text && text.contains("$(#ref.")) {
            return text(text, owner, path, stack);
        }
        return value;
    }

    private Object text(String text, ComponentDraft owner, String path, Deque<String> stack) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        if (matcher.matches()) {
            Object value = lookup(matcher.group(1), owner, path, stack);
            return value == null ? text : value;
        }
        StringBuilder out = new StringBuilder();
        matcher.reset();
        while (matcher.find()) {
            Object value = lookup(matcher.group(1), owner, path, stack);
            String replacement = matcher.group();
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                problem(owner, path, "$(#ref." + matcher.group(1) + ") is a mapping or sequence and cannot be part of a longer string");
            } else if (value != null) {
                replacement = String.valueOf(value);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private Object lookup(String reference, ComponentDraft owner, String path, Deque<String> stack) {
        if (stack.contains(reference)) {
            problem(owner, path, "placeholder $(#ref." + reference + ") refers back to itself through " + String.join(" -> ", stack));
            return null;
        }
        Target target = target(reference);
        if (target == null) {
            problem(owner, path, "placeholder $(#ref." + reference + ") names no component (expected $(#ref.<component id or name>.<path>))");
            return null;
        }
        ComponentDraft referenced = drafts.get(target.index());
        Object value = field(referenced, target.path());
        if (value == null) {
            problem(owner, path, "placeholder $(#ref." + reference + ") names nothing: component " + referenced.name()
                    + " has no value at " + target.path());
            return null;
        }
        stack.push(reference);
        try {
            return walk(value, referenced, referenced.configurationPath(), stack);
        } finally {
            stack.pop();
        }
    }

    private Target target(String reference) {
        Target best = null;
        for (int dot = reference.indexOf('.'); dot > 0; dot = reference.indexOf('.', dot + 1)) {
            String key = reference.substring(0, dot);
            Integer index = byId.get(key);
            if (index == null && byName.getOrDefault(key, List.of()).size() == 1) {
                index = byName.get(key).get(0);
            }
            if (index != null) {
                best = new Target(index, reference.substring(dot + 1));
            }
        }
        return best;
    }

    private static Object field(ComponentDraft draft, String path) {
        String[] segments = path.split("\\.");
        Object value = switch (segments[0]) {
            case "id" -> draft.id();
            case "name" -> draft.name();
            case "namespace" -> draft.namespace();
            case "kind" -> draft.gvk().kind();
            case "apiVersion" -> draft.gvk().apiVersion();
            case "model" -> draft.model() == null ? null : draft.model().name();
            case "configuration" -> draft.configuration();
            default -> null;
        };
        for (int i = 1; i < segments.length && value != null; i++) {
            value = step(value, segments[i]);
        }
        return segments.length > 1 && !"configuration".equals(segments[0]) ? null : value;
    }

    private static Object step(Object value, String segment) {
        if (value instanceof Map<?, ?> map) {
            return map.get(segment);
        }
        if (value instanceof List<?> list && segment.chars().allMatch(Character::isDigit) && !segment.isEmpty()) {
            int index = Integer.parseInt(segment);
            return index < list.size() ? list.get(index) : null;
        }
        return null;
    }

    private void problem(ComponentDraft owner, String path, String message) {
        problems.add(Problem.error("design.placeholder", message, owner.document().locate(path)));
    }

    private record Target(int index, String path) {}
}
