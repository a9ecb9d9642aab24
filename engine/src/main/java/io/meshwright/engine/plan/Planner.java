package io.meshwright.engine.plan;

import io.meshwright.engine.design.CrdDeclarations;
import io.meshwright.engine.design.ManifestObjects;
import io.meshwright.spi.Problem;
import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.design.Design;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Orders a design's deployable components into a {@link Plan}, without touching any cluster.
 *
 * <p>What must hold (a cycle among these is an error naming it): explicit {@code dependsOn}; references found in
 * the objects ({@link ReferenceEdges}); declared relationships with an order ({@link RelationshipEdges}). What is
 * followed when it does not conflict with the above: relationships the registry defines but the design does not
 * declare, and the {@link KindOrder}. Annotation-only components are not planned; a dependency on one is ignored
 * with a warning.
 */
public final class Planner {

    private final KindOrder order;

    public Planner(KindOrder order) {
        this.order = order;
    }

    public PlanResult plan(Design design, PlanInputs inputs) {
        List<Problem> problems = new ArrayList<>();
        ManifestObjects objects = new ManifestObjects(inputs.scopes()::isNamespaced);
        List<PlanNode> nodes = new ArrayList<>();
        Map<String, Integer> indexById = new HashMap<>();
        for (ComponentDeclaration component : design.deployableComponents()) {
            int index = nodes.size();
            nodes.add(new PlanNode(index, component, objects.ref(component, inputs.defaultNamespace()),
                    objects.toObject(component, inputs.defaultNamespace()), order.deployRank(component.gvk())));
            indexById.put(component.id(), index);
        }
        DependencyGraph graph = new DependencyGraph(nodes.size());
        explicit(design, nodes, indexById, graph, problems);
        new ReferenceEdges(nodes, CrdDeclarations.of(design)).find(graph::require);
        RelationshipEdges relationships = new RelationshipEdges(nodes, inputs.relationships());
        relationships.declared(design.relationships(), graph::require);
        Optional<CycleProblem> cycle = Optional.empty();
        int[] ranks = nodes.stream().mapToInt(PlanNode::rank).toArray();
        List<List<Integer>> levels = graph.levels(ranks);
        int scheduled = levels.stream().mapToInt(List::size).sum();
        if (scheduled < nodes.size()) {
            BitSet unscheduled = new BitSet(nodes.size());
            unscheduled.set(0, nodes.size());
            levels.forEach(level -> level.forEach(unscheduled::clear));
            List<Integer> onCycle = graph.cycle(unscheduled);
            CycleProblem problem = new CycleProblem(
                    onCycle.stream().map(i -> nodes.get(i).component().id()).toList(),
                    onCycle.stream().map(i -> nodes.get(i).ref()).toList());
            problems.add(Problem.error("plan.cycle", problem.message(), nodes.get(onCycle.get(0)).component().location()));
            cycle = Optional.of(problem);
        } else {
            // Inferred relationships only where they close no cycle; then schedule again with them.
            relationships.inferred(graph::requireIfAcyclic);
            levels = graph.levels(ranks);
        }
        return new PlanResult(toPlan(levels, nodes, graph), cycle, problems);
    }

    private static void explicit(Design design, List<PlanNode> nodes, Map<String, Integer> indexById,
                                 DependencyGraph graph, List<Problem> problems) {
        for (PlanNode node : nodes) {
            for (String dependency : node.component().dependsOn()) {
                Integer target = indexById.get(dependency);
                if (target != null) {
                    graph.require(node.index(), target);
                } else if (design.component(dependency).map(ComponentDeclaration::annotation).orElse(false)) {
                    problems.add(Problem.warning("plan.dependsOnAnnotation", "component " + node.component().name()
                            + " depends on " + dependency + ", an annotation that is never deployed; ignored",
                            node.component().location()));
                } else {
                    problems.add(Problem.warning("plan.dependsOnUnknown", "component " + node.component().name()
                            + " depends on " + dependency + ", which is not in the design; ignored",
                            node.component().location()));
                }
            }
        }
    }

    private static Plan toPlan(List<List<Integer>> levels, List<PlanNode> nodes, DependencyGraph graph) {
        List<List<PlannedStep>> steps = new ArrayList<>();
        for (List<Integer> level : levels) {
            List<PlannedStep> planned = new ArrayList<>(level.size());
            for (int index : level) {
                PlanNode node = nodes.get(index);
                Set<String> dependsOn = new LinkedHashSet<>();
                graph.predecessorsOf(index).forEach(p -> dependsOn.add(nodes.get(p).component().id()));
                planned.add(new PlannedStep(node.component(), node.ref(), dependsOn, graph.hasSuccessors(index)));
            }
            steps.add(planned);
        }
        return new Plan(steps);
    }
}
