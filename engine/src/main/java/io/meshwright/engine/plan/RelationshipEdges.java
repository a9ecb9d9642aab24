package io.meshwright.engine.plan;

import io.meshwright.spi.design.RelationshipDeclaration;
import io.meshwright.spi.model.RelationshipDefinition;
import io.meshwright.spi.model.RelationshipDefinition.Ordering;
import io.meshwright.spi.model.SelectorEnd;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Ordering edges from relationships.
 *
 * <ul>
 *   <li>Declared relationships (in the design): the ordering of the matching registry definition (same kind, type
 *       and subType); without one, a hierarchical {@code parent} relationship puts its "to" side (the parent)
 *       first, and other relationships imply no order.</li>
 *   <li>Registry definitions not declared in the design: where both selector ends name a field
 *       ({@link SelectorEnd#path()}), components whose values at those fields are equal are related (e.g. a
 *       SubNamespace whose {@code spec.parent} is a Namespace's {@code metadata.name}). Matching goes through a
 *       value index, not pairwise.</li>
 * </ul>
 */
final class RelationshipEdges {

    private final List<PlanNode> nodes;
    private final Map<String, Integer> byComponentId = new HashMap<>();
    private final Map<String, List<PlanNode>> byKind = new HashMap<>();
    private final PlanInputs.RelationshipLookup lookup;

    RelationshipEdges(List<PlanNode> nodes, PlanInputs.RelationshipLookup lookup) {
        this.nodes = nodes;
        this.lookup = lookup;
        for (PlanNode node : nodes) {
            byComponentId.put(node.component().id(), node.index());
            byKind.computeIfAbsent(node.ref().gvk().kind(), k -> new ArrayList<>()).add(node);
        }
    }

    /** Edges ({@code dependent, dependency}) from the design's declared relationships. */
    void declared(List<RelationshipDeclaration> relationships, BiConsumer<Integer, Integer> edge) {
        for (RelationshipDeclaration relationship : relationships) {
            Ordering ordering = orderingOf(relationship);
            for (String from : relationship.from()) {
                for (String to : relationship.to()) {
                    Integer f = byComponentId.get(from);
                    Integer t = byComponentId.get(to);
                    if (f == null || t == null) {
                        continue;
                    }
                    if (ordering == Ordering.TO_FIRST) {
                        edge.accept(f, t);
                    } else if (ordering == Ordering.FROM_FIRST) {
                        edge.accept(t, f);
                    }
                }
            }
        }
    }

    private Ordering orderingOf(RelationshipDeclaration declared) {
        for (PlanNode node : endNodes(declared)) {
            for (RelationshipDefinition definition : lookup.relationshipsFor(node.ref().gvk().kind())) {
                if (same(definition.kind(), declared.kind()) && same(definition.type(), declared.type())
                        && same(definition.subType(), declared.subType())) {
                    return definition.ordering();
                }
            }
        }
        return "hierarchical".equalsIgnoreCase(declared.kind()) && "parent".equalsIgnoreCase(declared.type())
                ? Ordering.TO_FIRST : Ordering.NONE;
    }

    private List<PlanNode> endNodes(RelationshipDeclaration declared) {
        List<PlanNode> ends = new ArrayList<>();
        declared.from().stream().map(byComponentId::get).filter(java.util.Objects::nonNull).findFirst()
                .ifPresent(i -> ends.add(nodes.get(i)));
        return ends;
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equalsIgnoreCase(b);
    }

    /** Edges ({@code dependent, dependency}) inferred from registry definitions by matching field values. */
    void inferred(BiConsumer<Integer, Integer> edge) {
        Set<RelationshipDefinition> definitions = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (String kind : byKind.keySet()) {
            definitions.addAll(lookup.relationshipsFor(kind));
        }
        for (RelationshipDefinition definition : definitions) {
            if (definition.ordering() == Ordering.NONE) {
                continue;
            }
            for (SelectorEnd from : definition.from()) {
                for (SelectorEnd to : definition.to()) {
                    if (from.path() != null && to.path() != null) {
                        match(from, to, definition.ordering(), edge);
                    }
                }
            }
        }
    }

    private void match(SelectorEnd from, SelectorEnd to, Ordering ordering, BiConsumer<Integer, Integer> edge) {
        Map<Object, List<PlanNode>> toByValue = new HashMap<>();
        for (PlanNode node : candidates(to)) {
            Object value = valueAt(node, to.path());
            if (value != null) {
                toByValue.computeIfAbsent(value, v -> new ArrayList<>()).add(node);
            }
        }
        for (PlanNode node : candidates(from)) {
            Object value = valueAt(node, from.path());
            for (PlanNode other : toByValue.getOrDefault(value, List.of())) {
                if (ordering == Ordering.TO_FIRST) {
                    edge.accept(node.index(), other.index());
                } else {
                    edge.accept(other.index(), node.index());
                }
            }
        }
    }

    private List<PlanNode> candidates(SelectorEnd end) {
        Set<PlanNode> found = new LinkedHashSet<>();
        List<PlanNode> pool = "*".equals(end.kind()) ? nodes : byKind.getOrDefault(end.kind(), List.of());
        for (PlanNode node : pool) {
            String model = node.component().model() == null ? null : node.component().model().name();
            if (end.matches(node.ref().gvk().kind(), model)) {
                found.add(node);
            }
        }
        return List.copyOf(found);
    }

    /** A field of the component: {@code displayName}/{@code name} is its name; otherwise a path into its object. */
    private static Object valueAt(PlanNode node, String path) {
        String normalized = path.startsWith("configuration.") ? path.substring("configuration.".length()) : path;
        if (normalized.equals("displayName") || normalized.equals("name")) {
            return node.component().name();
        }
        Object value = node.object();
        for (String segment : normalized.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(segment) : null;
        }
        return value instanceof Map<?, ?> || value instanceof List<?> ? null : value;
    }
}
