package io.meshwright.engine.lifecycle;

import io.meshwright.engine.cluster.ClusterWaitException;
import io.meshwright.engine.cluster.TargetCluster;
import io.meshwright.engine.plan.Plan;
import io.meshwright.engine.plan.PlannedStep;
import io.meshwright.spi.deploy.DeploymentPart;
import io.meshwright.spi.deploy.PartOutcome;
import io.meshwright.spi.deploy.Readiness;
import io.meshwright.spi.event.Event;
import io.meshwright.spi.event.EventSink;
import io.meshwright.spi.extension.ClusterApplier;
import io.meshwright.spi.extension.Deployer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Applies a plan level by level. The steps of one level are independent: each deployer gets all of its parts
 * of the level at once ({@link Deployer#deployAll}, which may batch), the deployers of a level run
 * concurrently, and health waits ({@link WaitPolicy#HEALTHY}) are bounded by {@link DeployOptions#concurrency()}.
 * A level starts when the one before it is applied and its CRDs are Established. A step whose dependency
 * failed is withheld, and the summary says which dependency.
 */
final class LevelApplier {

    private final DeployerSelector deployers;
    private final TargetCluster cluster;
    private final EventSink events;
    private final Clock clock;

    LevelApplier(DeployerSelector deployers, TargetCluster cluster, EventSink events, Clock clock) {
        this.deployers = deployers;
        this.cluster = cluster;
        this.events = events;
        this.clock = clock;
    }

    Map<String, StepResult> apply(String deploymentId, Plan plan, String defaultNamespace, ClusterApplier applier,
            DeployOptions options) {
        Map<String, StepResult> results = new LinkedHashMap<>();
        int levels = plan.levels().size();
        int number = 0;
        for (List<PlannedStep> level : plan.levels()) {
            number++;
            events.publish(new Event.LevelStarted(deploymentId, number, levels, level.size(), clock.instant()));
            Map<String, StepResult> done = applyLevel(deploymentId, level, defaultNamespace, applier, options, results);
            results.putAll(done);
            awaitCrds(deploymentId, level, options, results);
            events.publish(finished(deploymentId, number, levels, level, results));
        }
        return results;
    }

    private Map<String, StepResult> applyLevel(String deploymentId, List<PlannedStep> level, String defaultNamespace,
            ClusterApplier applier, DeployOptions options, Map<String, StepResult> earlier) {
        Map<String, StepResult> results = new LinkedHashMap<>();
        Map<Deployer, List<PlannedStep>> byDeployer = new LinkedHashMap<>();
        for (PlannedStep step : level) {
            String blocker = failedDependency(step, earlier);
            if (blocker != null) {
                String note = "withheld: depends on " + blocker + ", which failed";
                events.publish(new Event.PartFailed(deploymentId, step.id(), step.ref(), note, true, clock.instant()));
                results.put(step.id(), new StepResult(step.id(), null, note));
                continue;
            }
            byDeployer.computeIfAbsent(deployers.forComponent(step.component()), d -> new ArrayList<>()).add(step);
        }
        List<Future<Map<String, StepResult>>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Map.Entry<Deployer, List<PlannedStep>> group : byDeployer.entrySet()) {
                futures.add(executor.submit(() -> deployGroup(deploymentId, group.getKey(), group.getValue(),
                        defaultNamespace, applier, options)));
            }
        }
        int i = 0;
        for (Map.Entry<Deployer, List<PlannedStep>> group : byDeployer.entrySet()) {
            results.putAll(await(futures.get(i++), group.getKey(), group.getValue()));
        }
        return results;
    }

    /** One deployer's parts of a level: deployed together, then each awaited for health where asked. */
    private Map<String, StepResult> deployGroup(String deploymentId, Deployer deployer, List<PlannedStep> steps,
            String defaultNamespace, ClusterApplier applier, DeployOptions options) {
        List<DeploymentPart> parts = steps.stream()
                .map(step -> new DeploymentPart(deploymentId, Parts.resolved(step), defaultNamespace)).toList();
        List<PartOutcome> outcomes;
        try {
            outcomes = deployer.deployAll(parts, applier);
            if (outcomes.size() != parts.size()) {
                throw new IllegalStateException("returned " + outcomes.size() + " outcomes for " + parts.size() + " parts");
            }
        } catch (RuntimeException e) {
            String message = deployer.name() + " deployer failed: " + e.getMessage();
            outcomes = steps.stream().map(step -> (PartOutcome) new PartOutcome.Failed(message, step.ref())).toList();
        }
        List<PartOutcome> applied = outcomes;
        List<StepResult> finished = io.meshwright.engine.cluster.Bounded.map(
                java.util.stream.IntStream.range(0, steps.size()).boxed().toList(), options.concurrency(),
                index -> finish(deploymentId, steps.get(index), applied.get(index), applier, options));
        Map<String, StepResult> results = new LinkedHashMap<>();
        finished.forEach(result -> results.put(result.stepId(), result));
        return results;
    }

    /** Waits for health where the policy asks for it, and reports a failure. */
    private StepResult finish(String deploymentId, PlannedStep step, PartOutcome applied, ClusterApplier applier,
            DeployOptions options) {
        PartOutcome outcome = applied;
        if (!(outcome instanceof PartOutcome.Failed) && options.waitPolicy() == WaitPolicy.HEALTHY && step.isDependency()) {
            Readiness readiness = applier.view().awaitReady(step.ref(), options.timeout());
            if (!readiness.isReady()) {
                outcome = new PartOutcome.Failed("not healthy after " + options.timeout().toSeconds() + " s: "
                        + readiness.message(), step.ref());
            }
        }
        // The applier reports each object it applies; the part's own outcome matters here only when it failed.
        if (outcome instanceof PartOutcome.Failed failed) {
            events.publish(new Event.PartFailed(deploymentId, step.id(), step.ref(), failed.message(), false,
                    clock.instant()));
            return new StepResult(step.id(), outcome, failed.message());
        }
        return new StepResult(step.id(), outcome, null);
    }

    /** CRDs of this level must be Established before a later level applies their custom resources. */
    private void awaitCrds(String deploymentId, List<PlannedStep> level, DeployOptions options,
            Map<String, StepResult> results) {
        List<PlannedStep> crds = level.stream()
                .filter(step -> step.ref().gvk().kind().equals("CustomResourceDefinition"))
                .filter(step -> !results.get(step.id()).failed())
                .toList();
        if (crds.isEmpty()) {
            return;
        }
        try {
            cluster.awaitEstablished(crds.stream().map(PlannedStep::ref).toList(), options.timeout());
        } catch (ClusterWaitException e) {
            for (PlannedStep crd : crds) {
                results.put(crd.id(), new StepResult(crd.id(), new PartOutcome.Failed(e.getMessage(), crd.ref()),
                        e.getMessage()));
                events.publish(new Event.PartFailed(deploymentId, crd.id(), crd.ref(), e.getMessage(), false,
                        clock.instant()));
            }
        }
    }

    private Event.LevelFinished finished(String deploymentId, int number, int levels, List<PlannedStep> level,
            Map<String, StepResult> results) {
        int applied = 0;
        int unchanged = 0;
        int failed = 0;
        int withheld = 0;
        for (PlannedStep step : level) {
            StepResult result = results.get(step.id());
            if (result.withheld()) {
                withheld++;
            } else if (result.failed()) {
                failed++;
            } else if (result.outcome() instanceof PartOutcome.Unchanged) {
                unchanged++;
            } else {
                applied++;
            }
        }
        return new Event.LevelFinished(deploymentId, number, levels, applied, unchanged, failed, withheld,
                clock.instant());
    }

    private static String failedDependency(PlannedStep step, Map<String, StepResult> results) {
        for (String dependency : step.dependsOn()) {
            StepResult result = results.get(dependency);
            if (result != null && result.failed()) {
                return dependency;
            }
        }
        return null;
    }

    private static Map<String, StepResult> await(Future<Map<String, StepResult>> future, Deployer deployer,
            List<PlannedStep> steps) {
        try {
            return future.get();
        } catch (ExecutionException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String message = deployer.name() + " deployer failed: " + (e.getCause() == null ? e : e.getCause()).getMessage();
            Map<String, StepResult> failed = new LinkedHashMap<>();
            steps.forEach(step -> failed.put(step.id(),
                    new StepResult(step.id(), new PartOutcome.Failed(message, step.ref()), message)));
            return failed;
        }
    }
}
