package io.meshwright.engine.lifecycle;

import io.meshwright.engine.cluster.TargetCluster;
import io.meshwright.engine.inventory.Inventory;
import io.meshwright.engine.inventory.JournalingApplier;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deploys a design: {@code PENDING → VALIDATING → PLANNED → APPLYING → VERIFYING → DEPLOYED}, or {@code FAILED}
 * with the cause. Each transition is committed before its work starts. Validation and planning happen before
 * anything is applied; for a re-deploy they happen before the record is touched at all, so an invalid new
 * version leaves the deployed one as the record. A re-deploy prunes what the new version no longer contains.
 */
final class Deploy {

    private final DeploymentStore store;
    private final Inventory inventory;
    private final TargetCluster cluster;
    private final ClusterGuard clusterGuard;
    private final DesignChecks checks;
    private final LevelApplier levels;
    private final Remover remover;
    private final DependencyInstaller dependencies;
    private final Transitioner transitions;
    private final Preflight preflight;
    private final EventSink events;
    private final String defaultNamespace;

    Deploy(DeploymentStore store, Inventory inventory, TargetCluster cluster, ClusterGuard clusterGuard,
            DesignChecks checks, LevelApplier levels, Remover remover, DependencyInstaller dependencies,
            Transitioner transitions, Preflight preflight, EventSink events, String defaultNamespace) {
        this.preflight = preflight;
        this.store = store;
        this.inventory = inventory;
        this.cluster = cluster;
        this.clusterGuard = clusterGuard;
        this.checks = checks;
        this.levels = levels;
        this.remover = remover;
        this.dependencies = dependencies;
        this.transitions = transitions;
        this.events = events;
        this.defaultNamespace = defaultNamespace;
    }

    DeploymentRecord run(String id, Design design, DeployOptions options) {
        String clusterUid = clusterGuard.check(id);
        Optional<DeploymentRecord> existing = store.get(id);
        Prepared prepared = null;
        if (existing.isPresent()) {
            prepared = prepare(id, design, options);
            if (prepared.refusal() != null) {
                throw new RedeployRefusedException(id, existing.get().state(), prepared.refusal());
            }
        }
        DeploymentRecord record = transitions.record(() -> store.begin(id, design, cluster.name(), clusterUid, options));
        transitions.announce(existing.map(DeploymentRecord::state).orElse(null), record);
        try {
            return proceed(id, prepared == null ? prepare(id, design, options) : prepared, options);
        } catch (EngineStoppingException e) {
            throw e; // recorded as interrupted; the next start resumes it
        } catch (RuntimeException e) {
            // An unexpected failure (the cluster went away, the store failed) must not leave the deployment in a
            // working state that nothing will finish: it ends FAILED with the cause, its inventory intact.
            return transitions.move(id, DeploymentState.FAILED, "stopped by an unexpected error: " + e.getMessage());
        }
    }

    /** Validation, dependencies and the plan; changes no deployment record. */
    private Prepared prepare(String id, Design design, DeployOptions options) {
        DesignChecks.Validation validation = checks.validate(design);
        if (validation.hasErrors(options.installDependencies())) {
            return Prepared.refused("validation failed; nothing was applied:\n" + bullets(validation.allProblems()));
        }
        if (!validation.missing().isEmpty()) {
            // --install-dependencies: the providers' manifests join the design, so they are planned, applied,
            // inventoried and removed exactly like the design's own objects.
            try {
                design = dependencies.withDependencies(design, validation.missing(), options.trustSources());
            } catch (DependencyInstaller.DependencyException e) {
                return Prepared.refused("dependencies could not be installed; nothing was applied:\n - " + e.getMessage());
            }
            events.info("deployment.dependencies", id, "installing " + validation.missing().size()
                    + " missing kind(s) from their models' sources");
            validation = checks.validate(design);
            if (validation.hasErrors()) {
                return Prepared.refused("validation failed after adding dependencies; nothing was applied:\n"
                        + bullets(validation.allProblems()));
            }
        }
        Set<String> createdBefore = live(id).stream()
                .filter(e -> e.partId() != null && e.partId().startsWith("namespace:") && !e.preExisting())
                .map(e -> e.ref().name()).collect(Collectors.toSet());
        Map<String, io.meshwright.spi.design.ComponentDeclaration> namespaces =
                ImplicitNamespaces.missing(design, cluster.view(), createdBefore);
        if (!namespaces.isEmpty()) {
            if (!options.createNamespaces()) {
                return Prepared.refused("namespaces the design uses do not exist; nothing was applied:\n"
                        + bullets(ImplicitNamespaces.problems(namespaces)));
            }
            design = ImplicitNamespaces.withNamespaces(design, namespaces);
            events.info("deployment.namespaces", id, "creating namespace(s) the design uses: "
                    + String.join(", ", namespaces.keySet()));
        }
        List<String> registered = checks.register(validation.discovered());
        if (!registered.isEmpty()) {
            events.info("registry.discovered", id, "registered kinds the design brought: " + String.join(", ", registered));
        }
        DesignChecks.Planned planned = checks.plan(design);
        if (planned.plan() == null) {
            return Prepared.refused("planning failed; nothing was applied:\n" + bullets(planned.problems()));
        }
        String unrelated = unrelatedVersion(id, planned.plan(), options);
        if (unrelated != null) {
            return Prepared.refused(unrelated);
        }
        List<String> invalid = preflight.refusals(id, planned.plan(), defaultNamespace, options.concurrency());
        if (!invalid.isEmpty()) {
            return Prepared.refused("the API server refuses " + invalid.size() + " object(s) as invalid (server-side"
                    + " dry run); nothing was applied:\n - " + String.join("\n - ", invalid));
        }
        return new Prepared(planned.plan(), null);
    }

    private DeploymentRecord proceed(String id, Prepared prepared, DeployOptions options) {
        if (store.get(id).map(DeploymentRecord::state).orElse(null) == DeploymentState.PENDING) {
            transitions.move(id, DeploymentState.VALIDATING, null);
        }
        if (prepared.refusal() != null) {
            return transitions.move(id, DeploymentState.FAILED, prepared.refusal());
        }
        Plan plan = prepared.plan();
        store.recordPartOrder(id, plan.steps().stream().map(PlannedStep::id).toList());
        transitions.move(id, DeploymentState.PLANNED, null);
        events.info("plan", id, plan.render());

        transitions.move(id, DeploymentState.APPLYING, null);
        JournalingApplier applier = inventory.applier(id, cluster, options.adoptExisting(), options.concurrency());
        Inventory.Settlement settled = inventory.settleIntents(id, cluster);
        if (!settled.unknown().isEmpty()) {
            return transitions.move(id, DeploymentState.FAILED, "could not check " + settled.unknown().size()
                    + " object(s) an earlier run intended (" + settled.unknown() + "); nothing was applied");
        }
        Map<String, StepResult> results = levels.apply(id, plan, defaultNamespace, applier, options);
        recordDetails(id, plan, results);
        List<StepResult> failures = results.values().stream().filter(StepResult::failed).toList();
        if (!failures.isEmpty()) {
            return transitions.move(id, DeploymentState.FAILED, failures.size() + " of " + results.size()
                    + " part(s) did not deploy:\n"
                    + failures.stream().map(f -> " - " + f.stepId() + ": " + f.note()).collect(Collectors.joining("\n")));
        }
        List<DeleteOutcome> stuck = prune(id, plan, applier, options).stream()
                .filter(o -> o instanceof DeleteOutcome.BlockedByFinalizers || o instanceof DeleteOutcome.Failed)
                .toList();
        if (!stuck.isEmpty()) {
            return transitions.move(id, DeploymentState.FAILED, "pruning what the new version dropped failed:\n"
                    + stuck.stream().map(o -> " - " + Remover.describe(o)).collect(Collectors.joining("\n")));
        }

        transitions.move(id, DeploymentState.VERIFYING, null);
        List<String> missing = verify(id, plan, results);
        if (!missing.isEmpty()) {
            return transitions.move(id, DeploymentState.FAILED,
                    "planned objects the inventory does not confirm:\n - " + String.join("\n - ", missing));
        }
        return transitions.move(id, DeploymentState.DEPLOYED, null);
    }

    /**
     * A new version that shares no object with what the deployment holds is most likely another design given
     * the same name; deploying it would prune everything the first one made. Refused unless asked for.
     */
    private String unrelatedVersion(String id, Plan plan, DeployOptions options) {
        List<InventoryEntry> held = live(id);
        if (held.isEmpty() || options.prune()) {
            return null;
        }
        Set<String> wanted = plan.steps().stream().map(step -> step.ref().key()).collect(Collectors.toSet());
        Set<String> parts = plan.steps().stream().map(PlannedStep::id).collect(Collectors.toSet());
        // Evidence of the same design: an object it made (not one merely kept as found, not a namespace the engine
        // added for it), or a part id the new version keeps.
        if (held.stream().filter(entry -> !entry.preExisting())
                .filter(entry -> entry.partId() == null || !entry.partId().startsWith("namespace:"))
                .anyMatch(entry -> wanted.contains(entry.ref().key()) || parts.contains(entry.partId()))) {
            return null;
        }
        return "this version shares no object with what deployment " + id + " holds (" + held.size()
                + " object(s), e.g. " + held.getFirst().ref() + "); deploying it would prune all of them. If it is"
                + " a different design, give it its own name (--name); if it really replaces the deployed version,"
                + " deploy with --prune";
    }

    /**
     * Removes what earlier versions deployed and this version no longer declares: every object of a part the plan
     * no longer has, and, within a part the plan still has, an object of the part's own kind under another name
     * (a renamed object). Objects a tool-backed part made (a Helm release's) stay while the part stays: the tool
     * prunes its own on upgrade.
     */
    private List<DeleteOutcome> prune(String id, Plan plan, JournalingApplier applier, DeployOptions options) {
        Map<String, ResourceRef> planned = plan.steps().stream()
                .collect(Collectors.toMap(PlannedStep::id, PlannedStep::ref, (a, b) -> a));
        List<InventoryEntry> dropped = inventory.entries(id).stream()
                .filter(e -> e.status() != InventoryStatus.DELETED)
                .filter(e -> dropped(e, planned))
                .toList();
        if (dropped.isEmpty()) {
            return List.of();
        }
        events.info("deployment.prune", id, "pruning " + dropped.size() + " object(s) the new version dropped");
        cluster.refreshDiscovery();
        return remover.remove(dropped, applier, new UndeployOptions(true, false, options.timeout(), false));
    }

    private static boolean dropped(InventoryEntry entry, Map<String, ResourceRef> planned) {
        ResourceRef step = entry.partId() == null ? null : planned.get(entry.partId());
        if (step == null) {
            return planned.values().stream().noneMatch(ref -> ref.key().equals(entry.ref().key()));
        }
        return step.gvk().groupKind().equals(entry.ref().gvk().groupKind()) && !step.key().equals(entry.ref().key());
    }

    /**
     * Every object the deployers reported for the plan's parts must stand confirmed, with the uid the API server
     * gave it, in the inventory (a manifest part reports its one object; a tool-backed part what its tool made).
     * The apply answers carried those uids; reading each object back would only repeat them, at one request each.
     * Health, where asked for, was awaited during the apply.
     */
    /** Keeps what each part that deployed reported about what it runs (a commit, a revision), for deployment get. */
    private void recordDetails(String id, Plan plan, Map<String, StepResult> results) {
        Map<String, Map<String, String>> reported = new java.util.LinkedHashMap<>();
        results.values().stream().filter(r -> r.outcome() != null && !r.outcome().details().isEmpty())
                .forEach(r -> reported.put(r.stepId(), r.outcome().details()));
        store.recordPartDetails(id, reported, plan.steps().stream().map(PlannedStep::id).toList());
    }

    private List<String> verify(String id, Plan plan, Map<String, StepResult> results) {
        Set<String> confirmed = inventory.entries(id).stream()
                .filter(e -> e.status() == InventoryStatus.CONFIRMED && e.uid() != null)
                .map(e -> e.ref().key()).collect(Collectors.toSet());
        return plan.steps().stream()
                .flatMap(step -> reported(step, results.get(step.id())).stream())
                .filter(ref -> !confirmed.contains(ref.key()))
                .map(ResourceRef::toString)
                .toList();
    }

    private static List<ResourceRef> reported(PlannedStep step, StepResult result) {
        List<ResourceRef> objects = result == null || result.outcome() == null ? List.of() : switch (result.outcome()) {
            case io.meshwright.spi.deploy.PartOutcome.Applied applied -> applied.objects();
            case io.meshwright.spi.deploy.PartOutcome.Unchanged unchanged -> unchanged.objects();
            case io.meshwright.spi.deploy.PartOutcome.Waiting waiting -> waiting.objects();
            case io.meshwright.spi.deploy.PartOutcome.Failed failed -> List.of();
        };
        return objects.isEmpty() ? List.of(step.ref()) : objects;
    }

    private List<InventoryEntry> live(String id) {
        return inventory.entries(id).stream()
                .filter(e -> e.status() == InventoryStatus.INTENDED || e.status() == InventoryStatus.CONFIRMED)
                .toList();
    }

    private static String bullets(List<Problem> problems) {
        return problems.stream().map(p -> " - " + p).collect(Collectors.joining("\n"));
    }

    /** A plan ready to apply, or why there is none. */
    private record Prepared(Plan plan, String refusal) {
        static Prepared refused(String why) {
            return new Prepared(null, why);
        }
    }
}
