package io.meshwright.engine.lifecycle;

import io.meshwright.engine.cluster.TargetCluster;
import io.meshwright.engine.inventory.Inventory;
import io.meshwright.engine.inventory.JournalingApplier;
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.DeploymentPart;
import io.meshwright.spi.deploy.DeploymentState;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.spi.deploy.PartOutcome;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.design.Design;
import io.meshwright.spi.event.EventSink;
import io.meshwright.spi.extension.Deployer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Removes a deployment: {@code → UNDEPLOYING →} {@code UNDEPLOYED}, {@code UNDEPLOYED_WITH_LEFTOVERS} listing
 * what is still there, why, and the command that removes it, or {@code UNDEPLOYED_UNVERIFIED} when the scan
 * could not read some kinds. First every part's deployer undoes what its tool did ({@link Deployer#undeploy},
 * in reverse plan order: {@code helm uninstall}, say), then the engine removes whatever the inventory still
 * holds, in reverse kind order and under its safety rules. The post-condition is checked, not assumed: every
 * kind the cluster serves is scanned for objects carrying the deployment's label.
 */
final class Undeploy {

    private final DeploymentStore store;
    private final Inventory inventory;
    private final TargetCluster cluster;
    private final ClusterGuard clusterGuard;
    private final Remover remover;
    private final DeployerSelector deployers;
    private final Transitioner transitions;
    private final EventSink events;
    private final String defaultNamespace;

    Undeploy(DeploymentStore store, Inventory inventory, TargetCluster cluster, ClusterGuard clusterGuard,
            Remover remover, DeployerSelector deployers, Transitioner transitions, EventSink events,
            String defaultNamespace) {
        this.store = store;
        this.inventory = inventory;
        this.cluster = cluster;
        this.clusterGuard = clusterGuard;
        this.remover = remover;
        this.deployers = deployers;
        this.transitions = transitions;
        this.events = events;
        this.defaultNamespace = defaultNamespace;
    }

    UndeployReport run(String id, UndeployOptions options) {
        DeploymentRecord record = store.get(id).orElseThrow(() -> new UnknownDeploymentException(id));
        clusterGuard.check(id);
        List<InventoryEntry> entries = inventory.entries(id);
        if (options.dryRun()) {
            return dryRun(record, entries, options);
        }
        if (record.state() == DeploymentState.UNDEPLOYED) {
            // Undeploying again changes nothing; the scan still checks that nothing has come back since.
            Scanned scanned = leftovers(id, List.of());
            return new UndeployReport(record, List.of(), scanned.leftovers(), scanned.unscanned());
        }
        store.recordUndeployOptions(id, options);
        transitions.move(id, DeploymentState.UNDEPLOYING, null);
        List<DeleteOutcome> outcomes;
        Scanned scanned;
        try {
            // What the cluster serves now: a kind recorded at a version it no longer serves is found at another.
            cluster.refreshDiscovery();
            JournalingApplier applier = inventory.applier(id, cluster, false);
            undeployParts(id, applier);
            outcomes = remover.remove(inventory.entries(id), applier, options);
            scanned = leftovers(id, outcomes);
        } catch (EngineStoppingException e) {
            throw e; // recorded as interrupted; the next start carries on
        } catch (RuntimeException e) {
            // The inventory says what is left; a later undeploy (or the restart's resume) carries on from there.
            DeploymentRecord failed = transitions.move(id, DeploymentState.FAILED,
                    "undeploy stopped by an unexpected error (run it again to carry on): " + e.getMessage());
            return new UndeployReport(failed, List.of(), List.of(), List.of());
        }

        DeploymentState end;
        String cause;
        if (!scanned.leftovers().isEmpty()) {
            end = DeploymentState.UNDEPLOYED_WITH_LEFTOVERS;
            cause = scanned.leftovers().size() + " object(s) left:\n" + scanned.leftovers().stream()
                    .map(l -> " - " + l.ref() + ": " + l.reason() + "  → " + l.removeCommand())
                    .collect(Collectors.joining("\n"));
        } else if (!scanned.unscanned().isEmpty()) {
            end = DeploymentState.UNDEPLOYED_UNVERIFIED;
            cause = "everything recorded was removed, but " + scanned.unscanned().size() + " kind(s) could not be"
                    + " scanned for leftovers, so whether anything is left is unknown:\n - "
                    + String.join("\n - ", scanned.unscanned());
        } else {
            end = DeploymentState.UNDEPLOYED;
            cause = null;
        }
        DeploymentRecord done = transitions.move(id, end, cause);
        return new UndeployReport(done, outcomes, scanned.leftovers(), scanned.unscanned());
    }

    /**
     * Asks every part's deployer to undo what its tool did, in the reverse of the order the parts were deployed.
     * A part whose deployer is gone (a plugin removed) is reported; the inventory sweep still removes its objects.
     */
    private void undeployParts(String id, JournalingApplier applier) {
        Design design = store.stored(id).map(DeploymentStore.Stored::design).orElse(null);
        if (design == null) {
            return;
        }
        Map<String, ComponentDeclaration> byId = new LinkedHashMap<>();
        design.components().stream().filter(c -> !c.annotation()).forEach(c -> byId.put(c.id(), c));
        List<String> order = new ArrayList<>(store.partOrder(id));
        byId.keySet().stream().filter(part -> !order.contains(part)).forEach(order::add);
        Map<String, List<InventoryEntry>> byPart = inventory.entries(id).stream()
                .filter(e -> e.partId() != null)
                .collect(Collectors.groupingBy(InventoryEntry::partId));
        for (int i = order.size() - 1; i >= 0; i--) {
            ComponentDeclaration component = byId.get(order.get(i));
            if (component == null) {
                continue;
            }
            DeploymentPart part = new DeploymentPart(id, component, defaultNamespace);
            PartOutcome outcome;
            try {
                Deployer deployer = deployers.forComponent(component);
                outcome = deployer.undeploy(part, byPart.getOrDefault(component.id(), List.of()), applier);
            } catch (RuntimeException e) {
                outcome = new PartOutcome.Failed(e.getMessage(), null);
            }
            if (outcome instanceof PartOutcome.Failed failed) {
                events.info("part.undeploy", id, "part " + component.id() + ": " + failed.message()
                        + "; removing its inventoried objects anyway");
            }
        }
    }

    /** What would be removed, in which order, by the same rules as a real undeploy; changes nothing. */
    private UndeployReport dryRun(DeploymentRecord record, List<InventoryEntry> entries, UndeployOptions options) {
        List<DeleteOutcome> planned = new ArrayList<>();
        for (List<InventoryEntry> rank : remover.order(entries)) {
            for (InventoryEntry entry : rank) {
                planned.add(remover.preview(entry, options));
            }
        }
        return new UndeployReport(record, planned, List.of(), List.of());
    }

    /**
     * Objects still in the cluster that the deployment made: inventory records that did not end deleted (with
     * the reason their removal gave), plus whatever the scan finds with the deployment's label. Pre-existing
     * objects kept on purpose, and shared objects handed over to another deployment, are not leftovers.
     */
    private Scanned leftovers(String id, List<DeleteOutcome> outcomes) {
        Map<String, String> reasons = new LinkedHashMap<>();
        outcomes.forEach(outcome -> reasons.put(outcome.ref().key(), Remover.describe(outcome)));
        Set<String> keptByRule = new HashSet<>();
        outcomes.stream().filter(DeleteOutcome.Kept.class::isInstance).forEach(o -> keptByRule.add(o.ref().key()));
        Map<String, UndeployReport.Leftover> found = new LinkedHashMap<>();
        Set<String> keptOnPurpose = new HashSet<>();
        for (InventoryEntry entry : inventory.entries(id)) {
            String key = entry.ref().key();
            if (entry.preExisting() || entry.status() == InventoryStatus.DELETED
                    && !inventory.claimsByOthers(id, entry.ref()).isEmpty()) {
                // Existed before, or handed to a deployment that still holds it: not ours to report.
                keptOnPurpose.add(key);
            } else if (entry.status() == InventoryStatus.DELETED) {
                continue; // verified gone; if the scan still finds it with our label, it is reported below
            } else {
                UndeployReport.Leftover leftover = leftover(entry.ref(),
                        reasons.getOrDefault(key, "inventory record is " + entry.status()));
                // Kept by a safety rule (others use it, resources of a CRD remain): no command to delete it.
                found.put(key, keptByRule.contains(key) ? new UndeployReport.Leftover(entry.ref(), leftover.reason(),
                        "(kept on purpose; delete it only once the reason no longer holds)") : leftover);
            }
        }
        TargetCluster.LabelScan scan = cluster.labelled(id);
        for (ResourceRef ref : scan.found()) {
            if (!keptOnPurpose.contains(ref.key())) {
                found.putIfAbsent(ref.key(), leftover(ref, "still carries the deployment's label"));
            }
        }
        return new Scanned(List.copyOf(found.values()), scan.unscanned());
    }

    private record Scanned(List<UndeployReport.Leftover> leftovers, List<String> unscanned) {}

    static UndeployReport.Leftover leftover(ResourceRef ref, String reason) {
        String resource = ref.gvk().group().isEmpty() ? ref.gvk().kind().toLowerCase()
                : ref.gvk().kind().toLowerCase() + "." + ref.gvk().group();
        String command = "kubectl delete " + resource + " " + ref.name()
                + (ref.namespace() == null ? "" : " -n " + ref.namespace());
        return new UndeployReport.Leftover(ref, reason, command);
    }
}
