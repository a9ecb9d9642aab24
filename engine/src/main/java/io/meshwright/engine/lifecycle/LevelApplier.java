package io.meshwright.engine.lifecycle;

import io.meshwright.engine.plan.Plan;
import io.meshwright.engine.plan.PlannedStep;
import io.meshwright.spi.deploy.DeploymentPart;
import io.meshwright.spi.deploy.PartOutcome;
import io.meshwright.spi.deploy.Readiness;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.deploy.WaitPolicy;
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
        Map<String, PartOutcome> applied = applyManifests(deploymentId, level, defaultNamespace, applier, options, results);
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
                        PartOutcome outcome = applied.containsKey(step.id()) ? applied.get(step.id())
                                : deployOne(deploymentId, step, defaultNamespace, applier);
                        return finish(deploymentId, step, outcome, applier, options);
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

    /**
     * The level's plain objects (the built-in manifest deployer's parts) applied in one batch, so that the applier
     * can read what already exists with one list per kind and namespace instead of one read per object. Parts of
     * plugin deployers, and parts withheld by a failed dependency, are left to the per-part path.
     */
    private Map<String, PartOutcome> applyManifests(String deploymentId, List<PlannedStep> level,
            String defaultNamespace, ClusterApplier applier, DeployOptions options, Map<String, StepResult> results) {
        List<String> ids = new ArrayList<>();
        List<Map<String, Object>> objects = new ArrayList<>();
        for (PlannedStep step : level) {
            Deployer deployer = deployers.forComponent(step.component());
            if (deployer instanceof ManifestDeployer manifests && failedDependency(step, results) == null) {
                DeploymentPart part = new DeploymentPart(deploymentId, Parts.resolved(step), defaultNamespace);
                ids.add(step.id());
                objects.add(manifests.render(part).getFirst());
            }
        }
        Map<String, PartOutcome> outcomes = new LinkedHashMap<>();
        if (objects.isEmpty()) {
            return outcomes;
        }
        List<PartOutcome> applied = applier.applyMany(objects, ids, Math.max(1, options.concurrency()));
        for (int i = 0; i < ids.size(); i++) {
            outcomes.put(ids.get(i), applied.get(i));
        }
        return outcomes;
    }

    private PartOutcome deployOne(String deploymentId, PlannedStep step, String defaultNamespace, ClusterApplier applier) {
        Deployer deployer = deployers.forComponent(step.component());
        DeploymentPart part = new DeploymentPart(deploymentId, Parts.resolved(step), defaultNamespace);
        try {
            return deployer.deploy(part, applier);
        } catch (RuntimeException e) {
            return new PartOutcome.Failed(deployer.name() + " deployer failed: " + e.getMessage(), step.ref());
        }
    }

    /** Waits for health where the policy asks for it, and reports a failure. */
    private StepResult finish(String deploymentId, PlannedStep step, PartOutcome applied, ClusterApplier applier,
            DeployOptions options) {
        PartOutcome outcome = applied;
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
