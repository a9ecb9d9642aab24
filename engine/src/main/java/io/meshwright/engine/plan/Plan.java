package io.meshwright.engine.plan;

import io.meshwright.spi.deploy.ResourceRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The order in which a design's components deploy: levels, each applied after the previous one; the steps of one
 * level do not depend on each other and may go concurrently. Immutable; build it with {@link Planner}, print it
 * with {@link #render()}, execute it elsewhere.
 */
public final class Plan {

    private final List<List<PlannedStep>> levels;
    private final Map<String, PlannedStep> byId = new HashMap<>();
    private final Map<String, Integer> levelById = new HashMap<>();

    Plan(List<List<PlannedStep>> levels) {
        this.levels = levels.stream().map(List::copyOf).toList();
        for (int level = 0; level < this.levels.size(); level++) {
            for (PlannedStep step : this.levels.get(level)) {
                byId.put(step.id(), step);
                levelById.put(step.id(), level);
            }
        }
    }

    /** The levels, first to deploy first. */
    public List<List<PlannedStep>> levels() {
        return levels;
    }

    /** The levels reversed: what was deployed last is removed first. */
    public List<List<PlannedStep>> undeployOrder() {
        List<List<PlannedStep>> reversed = new ArrayList<>(levels);
        Collections.reverse(reversed);
        return List.copyOf(reversed);
    }

    /** Every step, level by level. */
    public List<PlannedStep> steps() {
        return levels.stream().flatMap(List::stream).toList();
    }

    public Optional<PlannedStep> step(String componentId) {
        return Optional.ofNullable(byId.get(componentId));
    }

    public int size() {
        return byId.size();
    }

    /**
     * The plan as text: levels separated by {@code ---}; one line per step, {@code Kind.group/namespace/name}, and
     * what it waits for.
     */
    public String render() {
        StringBuilder text = new StringBuilder();
        for (int level = 0; level < levels.size(); level++) {
            if (level > 0) {
                text.append("---\n");
            }
            for (PlannedStep step : levels.get(level)) {
                text.append(step.ref());
                if (!step.dependsOn().isEmpty()) {
                    text.append("  (waits for ").append(step.dependsOn().stream()
                            .sorted(Comparator.comparing((String id) -> levelById.getOrDefault(id, -1)).thenComparing(id -> refOf(id).toString()))
                            .map(id -> refOf(id).toString())
                            .collect(Collectors.joining(", "))).append(')');
                }
                text.append('\n');
            }
        }
        return text.toString();
    }

    private ResourceRef refOf(String id) {
        PlannedStep step = byId.get(id);
        return step == null ? new ResourceRef(new io.meshwright.spi.model.Gvk("", "?", "?"), null, id) : step.ref();
    }

    @Override
    public String toString() {
        return render();
    }
}
