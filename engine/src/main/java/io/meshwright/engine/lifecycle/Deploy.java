package io.meshwright.engine.lifecycle;

import io.meshwright.engine.plan.Plan;
import io.meshwright.engine.plan.PlannedStep;
import io.meshwright.spi.Problem;
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.DeploymentState;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.design.Design;
import io.meshwright.spi.event.EventSink;
import io.meshwright.spi.extension.ClusterApplier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deploys a design: {@code PENDING → VALIDATING → PLANNED → APPLYING → VERIFYING → DEPLOYED}, or {@code FAILED}
 * with the cause. Each transition is committed before its work starts. Validation happens before anything is
 * applied; a re-deploy of a new design version prunes what the new version no longer contains.
 */
final class Deploy {

    private final DeploymentStore store;
    private final InventoryJournal journal;
    private final TargetCluster cluster;
    private final DesignChecks checks;
    private final LevelApplier levels;
    private final Remover remover;
    private final DependencyInstaller dependencies;
    private final EventSink events;
    private final String defaultNamespace;

    Deploy(DeploymentStore store, InventoryJournal journal, TargetCluster cluster, DesignChecks checks,
            LevelApplier levels, Remover remover, DependencyInstaller dependencies, EventSink events,
            String defaultNamespace) {
        this.store = store;
        this.journal = journal;
        this.cluster = cluster;
        this.checks = checks;
        this.levels = levels;
        this.remover = remover;
        this.dependencies = dependencies;
        this.events = events;
        this.defaultNamespace = defaultNamespace;
    }

    DeploymentRecord run(String id, Design design, DeployOptions options) {
        DeploymentRecord record = store.begin(id, design, cluster.name(), options);
        announce(record);
        try {
            return proceed(id, design, options, record);
        } catch (RuntimeException e) {
            // An unexpected failure (the cluster went away, the store failed) must not leave the deployment in a
            // working state that nothing will finish: it ends FAILED with the cause, its inventory intact.
            return fail(id, "stopped by an unexpected error: " + e.getMessage());
        }
    }

    private DeploymentRecord proceed(String id, Design design, DeployOptions options, DeploymentRecord record) {
        if (record.state() == DeploymentState.PENDING) {
            announce(store.transition(id, DeploymentState.VALIDATING, null));
        }
        DesignChecks.Validation validation = checks.validate(design);
        if (validation.hasErrors(options.installDependencies())) {
            return fail(id, "validation failed; nothing was applied:\n" + bullets(validation.allProblems()));
        }
        if (!validation.missing().isEmpty()) {
            // --install-dependencies: the providers' manifests join the design, so they are planned, applied,
            // inventoried and removed exactly like the design's own objects.
            design = dependencies.withDependencies(design, validation.missing());
            events.info("deployment.dependencies", id, "installing " + validation.missing().size()
                    + " missing kind(s) from their models' sources");
            validation = checks.validate(design);
            if (validation.hasErrors()) {
                return fail(id, "validation failed after adding dependencies; nothing was applied:\n"
                        + bullets(validation.allProblems()));
            }
        }
        List<String> registered = checks.register(validation.discovered());
        if (!registered.isEmpty()) {
            events.info("registry.discovered", id, "registered kinds the design brought: " + String.join(", ", registered));
        }
        DesignChecks.Planned planned = checks.plan(design);
        if (planned.plan() == null) {
            return fail(id, "planning failed; nothing was applied:\n" + bullets(planned.problems()));
        }
        Plan plan = planned.plan();
        announce(store.transition(id, DeploymentState.PLANNED, null));
        events.info("plan", id, plan.render());

        announce(store.transition(id, DeploymentState.APPLYING, null));
        ClusterApplier applier = cluster.applier(id, options.adoptExisting());
        reconcileIntents(id, applier);
        Map<String, StepResult> results = levels.apply(id, plan, defaultNamespace, applier, options);
        List<StepResult> failures = results.values().stream().filter(StepResult::failed).toList();
        if (!failures.isEmpty()) {
            return fail(id, failures.size() + " of " + results.size() + " part(s) did not deploy:\n"
                    + failures.stream().map(f -> " - " + f.stepId() + ": " + f.note()).collect(Collectors.joining("\n")));
        }
        List<DeleteOutcome> pruned = prune(id, plan, applier, options);
        List<DeleteOutcome> stuck = pruned.stream()
                .filter(o -> o instanceof DeleteOutcome.BlockedByFinalizers || o instanceof DeleteOutcome.Failed)
                .toList();
        if (!stuck.isEmpty()) {
            return fail(id, "pruning what the new version dropped failed:\n"
                    + stuck.stream().map(o -> " - " + Remover.describe(o)).collect(Collectors.joining("\n")));
        }

        announce(store.transition(id, DeploymentState.VERIFYING, null));
        List<String> missing = verify(id, plan);
        if (!missing.isEmpty()) {
            return fail(id, "planned objects the inventory does not confirm:\n - " + String.join("\n - ", missing));
        }
        DeploymentRecord deployed = store.transition(id, DeploymentState.DEPLOYED, null);
        announce(deployed);
        return deployed;
    }

    /**
     * After a crash an intent may stand for an object that was or was not created. Settle each one against the
     * cluster before applying again, so the inventory is exact whatever happens next.
     */
    private void reconcileIntents(String id, ClusterApplier applier) {
        for (InventoryEntry entry : journal.entries(id)) {
            if (entry.status() != InventoryStatus.INTENDED) {
                continue;
            }
            applier.get(entry.ref()).ifPresentOrElse(
                    object -> journal.confirm(id, entry.ref(), uidOf(object)),
                    () -> journal.forget(id, entry.ref()));
        }
    }

    /** Removes what earlier versions deployed and this version no longer declares. */
    private List<DeleteOutcome> prune(String id, Plan plan, ClusterApplier applier, DeployOptions options) {
        Set<String> wanted = plan.levels().stream().flatMap(List::stream)
                .map(PlannedStep::ref).map(Deploy::identity).collect(Collectors.toSet());
        List<InventoryEntry> dropped = journal.entries(id).stream()
                .filter(e -> e.status() != InventoryStatus.DELETED)
                .filter(e -> !wanted.contains(identity(e.ref())))
                .toList();
        if (dropped.isEmpty()) {
            return List.of();
        }
        events.info("deployment.prune", id, "pruning " + dropped.size() + " object(s) the new version dropped");
        return remover.remove(dropped, applier, new UndeployOptions(true, false, options.timeout(), false));
    }

    /**
     * Every object of the plan must stand confirmed, with the uid the API server gave it, in the inventory. (The
     * apply answers carried those uids; reading each object back would only repeat them, at one request each.
     * Health, where asked for, was awaited during the apply.)
     */
    private List<String> verify(String id, Plan plan) {
        Set<String> confirmed = journal.entries(id).stream()
                .filter(e -> e.status() == InventoryStatus.CONFIRMED && e.uid() != null)
                .map(e -> identity(e.ref())).collect(Collectors.toSet());
        return plan.steps().stream().map(PlannedStep::ref)
                .filter(ref -> !confirmed.contains(identity(ref)))
                .map(ResourceRef::toString)
                .toList();
    }

    /** Group, kind, namespace and name: the same object whatever version it is served at. */
    static String identity(ResourceRef ref) {
        return ref.gvk().groupKind() + "/" + ref.namespace() + "/" + ref.name();
    }

    @SuppressWarnings("unchecked")
    private static String uidOf(Map<String, Object> object) {
        Object metadata = object.get("metadata");
        return metadata instanceof Map<?, ?> map ? (String) ((Map<String, Object>) map).get("uid") : null;
    }

    private DeploymentRecord fail(String id, String cause) {
        DeploymentRecord failed = store.transition(id, DeploymentState.FAILED, cause);
        announce(failed);
        return failed;
    }

    private void announce(DeploymentRecord record) {
        events.info("deployment.state", record.id(), record.state()
                + (record.cause() == null ? "" : ": " + record.cause()));
    }

    private static String bullets(List<Problem> problems) {
        return problems.stream().map(p -> " - " + p).collect(Collectors.joining("\n"));
    }
}
