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
 *
 * <p>Each reference is resolved once and remembered; every node a placeholder copies into the design counts
 * against a budget ({@link #DEFAULT_BUDGET}), so that a few kilobytes of components each referencing the previous
 * one twice cannot expand into billions of nodes. Past the budget the design is refused with a located problem
 * naming the placeholder that crossed it.
 */
final class PlaceholderResolver {

    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\(#ref\\.([^)]+)\\)");

    /** Most nodes placeholders may copy into one design: far more than any real design, far less than a bomb. */
    static final long DEFAULT_BUDGET = 1_000_000;

    private final List<ComponentDraft> drafts;
    private final Map<String, Integer> byId = new HashMap<>();
    private final Map<String, List<Integer>> byName = new HashMap<>();
    private final List<Problem> problems;
    private final long budget;
    private final Map<String, Resolved> memo = new HashMap<>();
    private long expanded;

    PlaceholderResolver(List<ComponentDraft> drafts, List<Problem> problems) {
        this(drafts, problems, DEFAULT_BUDGET);
    }

    PlaceholderResolver(List<ComponentDraft> drafts, List<Problem> problems, long budget) {
        this.drafts = drafts;
        this.problems = problems;
        this.budget = budget;
        for (int i = 0; i < drafts.size(); i++) {
            byId.putIfAbsent(drafts.get(i).id(), i);
            byName.computeIfAbsent(drafts.get(i).name(), n -> new ArrayList<>()).add(i);
        }
    }

    /** The drafts with every resolvable placeholder replaced; unchanged, with a problem, when over the budget. */
    List<ComponentDraft> resolve() {
        try {
            return resolveAll();
        } catch (BudgetExceeded e) {
            problems.add(Problem.error("design.placeholder.budget", "placeholders expand to more than " + budget
                    + " nodes (at $(#ref." + e.reference + ")); a component's configuration is copied once per reference, "
                    + "so references to references multiply: refer to the fields you need rather than whole configurations",
                    e.owner.document().locate(e.path)));
            return drafts;
        }
    }

    private List<ComponentDraft> resolveAll() {
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
        Resolved known = memo.get(reference);
        if (known == null) {
            stack.push(reference);
            try {
                Object walked = walk(value, referenced, referenced.configurationPath(), stack);
                known = new Resolved(walked, nodes(walked));
            } finally {
                stack.pop();
            }
            memo.put(reference, known);
        }
        // Charged before the copy is made, so the copy itself stays within the budget.
        expanded += known.nodes();
        if (expanded > budget) {
            throw new BudgetExceeded(reference, owner, path);
        }
        return copy(known.value());
    }

    /** Nodes in a value (each mapping, sequence and scalar counts one); values are trees here, never cyclic. */
    private static long nodes(Object value) {
        long count = 1;
        if (value instanceof Map<?, ?> map) {
            for (Object child : map.values()) {
                count += nodes(child);
            }
        } else if (value instanceof List<?> list) {
            for (Object child : list) {
                count += nodes(child);
            }
        }
        return count;
    }

    /** A fresh copy, so no two places in the design share (and later patch) one mapping. */
    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, copy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(copy(v)));
            return copy;
        }
        return value;
    }

    private record Resolved(Object value, long nodes) {}

    private static final class BudgetExceeded extends RuntimeException {
        private final String reference;
        private final transient ComponentDraft owner;
        private final String path;

        BudgetExceeded(String reference, ComponentDraft owner, String path) {
            super(null, null, false, false);
            this.reference = reference;
            this.owner = owner;
            this.path = path;
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
