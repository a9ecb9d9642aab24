package io.meshwright.engine.lifecycle;

import io.meshwright.engine.plan.Plan;
import io.meshwright.engine.plan.PlannedStep;
import io.meshwright.spi.deploy.DeploymentPart;
import io.meshwright.spi.deploy.PartOutcome;
import io.meshwright.spi.deploy.Readiness;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.deploy.WaitPolicy;
import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.event.EventSink;
import io.meshwright.spi.extension.ClusterApplier;
import io.meshwright.spi.extension.Deployer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Applies a plan level by level. The steps of one level are independent and go concurrently (bounded by
 * {@link DeployOptions#concurrency()}); a level starts when the one before it is applied, its CRDs are
 * Established and, under {@link WaitPolicy#HEALTHY}, the objects others depend on are healthy. A step whose
 * dependency failed is withheld, and the summary says which dependency.
 */
final class LevelApplier {

    private final DeployerSelector deployers;
    private final TargetCluster cluster;
    private final EventSink events;

    LevelApplier(DeployerSelector deployers, TargetCluster cluster, EventSink events) {
        this.deployers = deployers;
        this.cluster = cluster;
        this.events = events;
    }

    Map<String, StepResult> apply(String deploymentId, Plan plan, String defaultNamespace, ClusterApplier applier,
            DeployOptions options) {
        Map<String, StepResult> results = new LinkedHashMap<>();
        int levelNumber = 0;
        for (List<PlannedStep> level : plan.levels()) {
            levelNumber++;
            events.info("plan.level", deploymentId, "level " + levelNumber + "/" + plan.levels().size()
                    + ": applying " + level.size() + " object(s)");
            applyLevel(deploymentId, level, defaultNamespace, applier, options, results);
            awaitCrds(deploymentId, level, options, results);
        }
        return results;
    }

    private void applyLevel(String deploymentId, List<PlannedStep> level, String defaultNamespace,
            ClusterApplier applier, DeployOptions options, Map<String, StepResult> results) {
        Semaphore permits = new Semaphore(Math.max(1, options.concurrency()));
        List<Future<StepResult>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (PlannedStep step : level) {
                String blocker = failedDependency(step, results);
                if (blocker != null) {
                    StepResult withheld = new StepResult(step.component().id(), null,
                            "withheld: depends on " + blocker + ", which failed");
                    events.info("object.withheld", deploymentId, step.ref() + " " + withheld.note());
                    futures.add(java.util.concurrent.CompletableFuture.completedFuture(withheld));
                    continue;
                }
                futures.add(executor.submit(() -> {
                    permits.acquire();
                    try {
                        return applyStep(deploymentId, step, defaultNamespace, applier, options);
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (int i = 0; i < futures.size(); i++) {
                StepResult result = await(futures.get(i), level.get(i));
                results.put(result.stepId(), result);
            }
        }
    }

    private StepResult applyStep(String deploymentId, PlannedStep step, String defaultNamespace,
            ClusterApplier applier, DeployOptions options) {
        Deployer deployer = deployers.forComponent(step.component());
        DeploymentPart part = new DeploymentPart(deploymentId, resolved(step), defaultNamespace);
        PartOutcome outcome;
        try {
            outcome = deployer.deploy(part, applier);
        } catch (RuntimeException e) {
            outcome = new PartOutcome.Failed(deployer.name() + " deployer failed: " + e.getMessage(), step.ref());
        }
        if (!(outcome instanceof PartOutcome.Failed) && options.waitPolicy() == WaitPolicy.HEALTHY && step.isDependency()) {
            Readiness readiness = applier.awaitReady(step.ref(), options.timeout());
            if (!readiness.isReady()) {
                outcome = new PartOutcome.Failed("not healthy after " + options.timeout().toSeconds() + " s: "
                        + readiness.message(), step.ref());
            }
        }
        // The applier reports each object it applies; the part's own outcome matters here only when it failed.
        if (outcome instanceof PartOutcome.Failed) {
            events.info("object.failed", deploymentId, describe(step.ref(), outcome));
        }
        String note = outcome instanceof PartOutcome.Failed failed ? failed.message() : null;
        return new StepResult(step.component().id(), outcome, note);
    }

    /**
     * The component with the namespace the planner resolved (from the design, the CRD it declares, discovery
     * or the registry), so that every deployer sees where the object goes without knowing the kind's scope.
     */
    private static ComponentDeclaration resolved(PlannedStep step) {
        ComponentDeclaration component = step.component();
        String namespace = step.ref().namespace();
        Map<String, Object> configuration = new LinkedHashMap<>(component.configuration());
        if (configuration.get("metadata") instanceof Map<?, ?> metadata) {
            Map<String, Object> copy = new LinkedHashMap<>();
            metadata.forEach((key, value) -> copy.put(String.valueOf(key), value));
            if (namespace == null) {
                copy.remove("namespace");
            } else {
                copy.put("namespace", namespace);
            }
            configuration.put("metadata", copy);
        }
        return new ComponentDeclaration(component.id(), component.name(), component.model(), component.gvk(),
                namespace, configuration, component.dependsOn(), component.annotation(), component.source(),
                component.location());
    }

    /** CRDs of this level must be Established before a later level applies their custom resources. */
    private void awaitCrds(String deploymentId, List<PlannedStep> level, DeployOptions options,
            Map<String, StepResult> results) {
        List<PlannedStep> crds = level.stream()
                .filter(step -> step.ref().gvk().kind().equals("CustomResourceDefinition"))
                .filter(step -> !results.get(step.component().id()).failed())
                .toList();
        if (crds.isEmpty()) {
            return;
        }
        try {
            cluster.awaitEstablished(crds.stream().map(PlannedStep::ref).toList(), options.timeout());
        } catch (ClusterWaitException e) {
            for (PlannedStep crd : crds) {
                results.put(crd.component().id(), new StepResult(crd.component().id(),
                        new PartOutcome.Failed(e.getMessage(), crd.ref()), e.getMessage()));
            }
            events.info("object.failed", deploymentId, e.getMessage());
        }
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

    private static String describe(ResourceRef ref, PartOutcome outcome) {
        return switch (outcome) {
            case PartOutcome.Applied applied -> ref + " applied";
            case PartOutcome.Unchanged unchanged -> ref + " unchanged";
            case PartOutcome.Waiting waiting -> ref + " applied, waiting: " + waiting.reason();
            case PartOutcome.Failed failed -> ref + " failed: " + failed.message();
        };
    }

    private static StepResult await(Future<StepResult> future, PlannedStep step) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return new StepResult(step.component().id(),
                    new PartOutcome.Failed(String.valueOf(e.getCause().getMessage()), step.ref()),
                    String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StepResult(step.component().id(), new PartOutcome.Failed("interrupted", step.ref()), "interrupted");
        }
    }
}
