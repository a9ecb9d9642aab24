package io.meshwright.engine.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The dependency graph over plan nodes (by index), and the level schedule.
 *
 * <p>Hard edges (explicit, references, declared relationships) must hold. Kind order is applied while scheduling,
 * not as edges: each level takes the ready nodes of the lowest (effective) rank, so a kind-order constraint that
 * conflicts with a hard edge gives way (kapp's IgnoreIfCyclical, without adding O(n²) edges). Scheduling is Kahn's
 * algorithm with a rank-keyed ready queue: O((n + e) log n).
 */
final class DependencyGraph {

    private final int size;
    private final List<Set<Integer>> predecessors;
    private final List<List<Integer>> successors;

    DependencyGraph(int size) {
        this.size = size;
        this.predecessors = new ArrayList<>(size);
        this.successors = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            predecessors.add(new LinkedHashSet<>());
            successors.add(new ArrayList<>());
        }
    }

    /** {@code dependent} waits for {@code dependency}. Self-edges are ignored. */
    void require(int dependent, int dependency) {
        if (dependent != dependency && predecessors.get(dependent).add(dependency)) {
            successors.get(dependency).add(dependent);
        }
    }

    /** Adds the edge unless it would close a cycle; returns whether it was added. */
    boolean requireIfAcyclic(int dependent, int dependency) {
        if (dependent == dependency || predecessors.get(dependent).contains(dependency)) {
            return false;
        }
        if (reaches(dependent, dependency)) {
            return false;
        }
        require(dependent, dependency);
        return true;
    }

    private boolean reaches(int from, int target) {
        BitSet seen = new BitSet(size);
        Deque<Integer> stack = new ArrayDeque<>();
        stack.push(from);
        while (!stack.isEmpty()) {
            int node = stack.pop();
            if (node == target) {
                return true;
            }
            if (!seen.get(node)) {
                seen.set(node);
                successors.get(node).forEach(stack::push);
            }
        }
        return false;
    }

    Set<Integer> predecessorsOf(int node) {
        return predecessors.get(node);
    }

    boolean hasSuccessors(int node) {
        return !successors.get(node).isEmpty();
    }

    /**
     * Levels of node indexes, each sorted; nodes on or behind a cycle are missing from them.
     *
     * <p>Each node gets an effective rank: the lowest rank among itself and everything that (transitively) waits
     * for it. A Job that a ConfigMap must wait for is thus pulled forward to the ConfigMap's stage, while the
     * Deployment next to it keeps waiting for the config stage. Each level then takes the ready nodes of the lowest
     * effective rank; a node's successors never have a lower effective rank than it, so levels follow the stages.
     */
    List<List<Integer>> levels(int[] ranks) {
        int[] effective = ranks.clone();
        List<Integer> topological = topologicalOrder();
        for (int i = topological.size() - 1; i >= 0; i--) {
            int node = topological.get(i);
            for (int next : successors.get(node)) {
                effective[node] = Math.min(effective[node], effective[next]);
            }
        }
        int[] waiting = new int[size];
        TreeMap<Integer, List<Integer>> ready = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            waiting[i] = predecessors.get(i).size();
            if (waiting[i] == 0) {
                ready.computeIfAbsent(effective[i], r -> new ArrayList<>()).add(i);
            }
        }
        List<List<Integer>> levels = new ArrayList<>();
        while (!ready.isEmpty()) {
            List<Integer> level = ready.pollFirstEntry().getValue();
            level.sort(null);
            levels.add(level);
            for (int node : level) {
                for (int next : successors.get(node)) {
                    if (--waiting[next] == 0) {
                        ready.computeIfAbsent(effective[next], r -> new ArrayList<>()).add(next);
                    }
                }
            }
        }
        return levels;
    }

    /** Kahn's order over the nodes not on or behind a cycle. */
    private List<Integer> topologicalOrder() {
        int[] waiting = new int[size];
        Deque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < size; i++) {
            waiting[i] = predecessors.get(i).size();
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        List<Integer> order = new ArrayList<>(size);
        while (!ready.isEmpty()) {
            int node = ready.poll();
            order.add(node);
            for (int next : successors.get(node)) {
                if (--waiting[next] == 0) {
                    ready.add(next);
                }
            }
        }
        return order;
    }

    /**
     * A cycle among {@code unscheduled} nodes, each waiting for the next. Every unscheduled node waits for another
     * unscheduled one (or it would have been scheduled), so walking "waits for" links must come back to a node.
     */
    List<Integer> cycle(BitSet unscheduled) {
        int start = unscheduled.nextSetBit(0);
        List<Integer> walk = new ArrayList<>();
        int[] position = new int[size];
        java.util.Arrays.fill(position, -1);
        int node = start;
        while (position[node] < 0) {
            position[node] = walk.size();
            walk.add(node);
            int current = node;
            node = predecessors.get(current).stream().filter(unscheduled::get).findFirst().orElseThrow();
        }
        return walk.subList(position[node], walk.size());
    }
}
