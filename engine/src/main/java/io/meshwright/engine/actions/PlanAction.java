package io.meshwright.engine.actions;

import io.meshwright.engine.cluster.TargetCluster;
import io.meshwright.engine.lifecycle.DesignChecks;
import io.meshwright.engine.lifecycle.ImplicitNamespaces;
import io.meshwright.engine.lifecycle.PartDefines;
import io.meshwright.engine.lifecycle.Parts;
import io.meshwright.engine.plan.Plan;
import io.meshwright.engine.plan.PlannedStep;
import io.meshwright.spi.Problem;
import io.meshwright.spi.deploy.DeploymentPart;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.design.Design;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Optional;

/**
 * Plan: what a deploy would do, changing nothing. The plan is the one a deploy would follow; each object is also
 * dry-run on the server, so admission and schema refusals show up before anything is applied.
 */
public final class PlanAction {

    /**
     * @param design           the design
     * @param createNamespaces namespaces the design uses but neither declares nor finds are shown as created by it
     *                         (as a deploy would create them); off, they are reported as problems
     */
    public record Options(DesignInput design, boolean createNamespaces) {}

    /**
     * The ordered plan with levels, and a server-side dry run of every object.
     *
     * @param problems validation and planning problems; when any is an error, {@code plan} may be {@code null}
     * @param plan     the plan
     * @param checks   the dry run of each object, in plan order (empty when the plan could not be made)
     * @param rendered by step id, the objects a step's deployer renders when they are not just the step's own
     *                 object (a chart, a Git folder), each with its dry run: what the part will create
     */
    public record Result(List<Problem> problems, Plan plan, List<TargetCluster.ObjectCheck> checks,
            Map<String, List<TargetCluster.ObjectCheck>> rendered) {

        public Result(List<Problem> problems, Plan plan, List<TargetCluster.ObjectCheck> checks) {
            this(problems, plan, checks, Map.of());
        }

        public boolean hasErrors() {
            return problems.stream().anyMatch(Problem::isError)
                    || checks.stream().anyMatch(c -> c.verdict().equals("refused"));
        }
    }

    private final EngineContext context;

    public PlanAction(EngineContext context) {
        this.context = context;
    }

    public Result run(Options options) {
        EngineContext.Target target = context.requireTarget();
        var deployments = context.requireDeployments();
        Design design = context.read(options.design()).design();
        // A cluster that does not answer is a clear 503 at once, not the retries of every discovery call.
        context.requireReachable();
        List<Problem> problems = new ArrayList<>(target.checks().validate(design).allProblems());
        String id = deployments.idFor(design);
        Set<String> createdBefore = deployments.inventory(id).stream()
                .filter(e -> e.partId() != null && e.partId().startsWith("namespace:") && !e.preExisting()
                        && e.status() != InventoryStatus.DELETED)
                .map(e -> e.ref().name()).collect(Collectors.toSet());
        var namespaces = ImplicitNamespaces.missing(design, target.cluster().view(), createdBefore);
        if (!namespaces.isEmpty()) {
            if (options.createNamespaces()) {
                design = ImplicitNamespaces.withNamespaces(design, namespaces);
            } else {
                problems.addAll(ImplicitNamespaces.problems(namespaces));
            }
        }
        DesignChecks.Planned planned = target.checks().plan(design);
        problems.addAll(planned.problems());
        if (planned.plan() == null) {
            return new Result(problems, null, List.of());
        }
        String deploymentId = deployments.idFor(design);
        List<TargetCluster.ObjectCheck> dryRuns = new ArrayList<>();
        Map<String, List<TargetCluster.ObjectCheck>> rendered = new java.util.LinkedHashMap<>();
        for (PlannedStep step : planned.plan().steps()) {
            List<TargetCluster.ObjectCheck> checks = dryRun(target, deploymentId, step, planned.plan());
            dryRuns.addAll(checks);
            if (!(checks.size() == 1 && checks.getFirst().ref().equals(step.ref()))) {
                rendered.put(step.id(), checks);
            }
        }
        return new Result(problems, planned.plan(), dryRuns, rendered);
    }

    private static List<TargetCluster.ObjectCheck> dryRun(EngineContext.Target target, String deploymentId,
            PlannedStep step, Plan plan) {
        TargetCluster cluster = target.cluster();
        if (!cluster.serves(step.ref().gvk()) && definedInPlan(step.ref(), plan)) {
            return List.of(new TargetCluster.ObjectCheck(step.ref(), "create",
                    "not dry-run: its CRD is created by this design first"));
        }
        DeploymentPart part = new DeploymentPart(deploymentId, Parts.resolved(step), target.defaultNamespace());
        List<TargetCluster.ObjectCheck> results = new ArrayList<>();
        List<Map<String, Object>> rendered = target.deployers().forComponent(step.component()).render(part);
        // A part rendered from a source (a Git folder, a chart) may hold the namespaces and CRDs its other
        // objects need; its deployer creates those first, so the server cannot judge the others yet.
        PartDefines defines = PartDefines.of(rendered);
        for (Map<String, Object> object : rendered) {
            Optional<ResourceRef> waits = defines.customResourceOfOwnCrd(object, cluster);
            if (waits.isPresent()) {
                results.add(new TargetCluster.ObjectCheck(waits.get(), "create",
                        "not dry-run: its CRD is created by this part first"));
                continue;
            }
            TargetCluster.ObjectCheck check = cluster.dryRun(deploymentId, object, step.id());
            // The server cannot dry-run an object into a namespace that does not exist yet; when the design
            // creates that namespace first, the refusal says nothing about the object.
            String namespace = check.ref().namespace();
            if (check.verdict().equals("refused") && namespace != null
                    && (namespaceInPlan(namespace, plan) || defines.namespaces().contains(namespace))
                    && check.message().contains("namespaces \"" + namespace + "\" not found")) {
                check = new TargetCluster.ObjectCheck(check.ref(), "create",
                        "not dry-run: its namespace is created by this design first");
            }
            results.add(check);
        }
        return results;
    }

    private static boolean namespaceInPlan(String namespace, Plan plan) {
        return plan.steps().stream().anyMatch(s -> s.ref().gvk().group().isEmpty()
                && s.ref().gvk().kind().equals("Namespace") && s.ref().name().equals(namespace));
    }

    private static boolean definedInPlan(ResourceRef ref, Plan plan) {
        return plan.steps().stream().anyMatch(s -> s.ref().gvk().kind().equals("CustomResourceDefinition")
                && s.ref().name().endsWith("." + ref.gvk().group()));
    }
}
