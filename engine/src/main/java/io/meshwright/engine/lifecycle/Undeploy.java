package io.meshwright.engine.lifecycle;

import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.DeploymentState;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.event.EventSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Removes a deployment: {@code → UNDEPLOYING → UNDEPLOYED}, or {@code UNDEPLOYED_WITH_LEFTOVERS} listing what
 * is still there, why, and the command that removes it. The post-condition is checked, not assumed: every
 * kind the cluster serves is scanned for objects carrying the deployment's label.
 */
final class Undeploy {

    private final DeploymentStore store;
    private final InventoryJournal journal;
    private final TargetCluster cluster;
    private final Remover remover;
    private final EventSink events;

    Undeploy(DeploymentStore store, InventoryJournal journal, TargetCluster cluster, Remover remover, EventSink events) {
        this.store = store;
        this.journal = journal;
        this.cluster = cluster;
        this.remover = remover;
        this.events = events;
    }

    UndeployReport run(String id, UndeployOptions options) {
        DeploymentRecord record = store.get(id).orElseThrow(() -> new UnknownDeploymentException(id));
        List<InventoryEntry> entries = journal.entries(id);
        if (options.dryRun()) {
            return dryRun(record, entries, options);
        }
        if (record.state() == DeploymentState.UNDEPLOYED) {
            // Undeploying again changes nothing; the scan still checks that nothing has come back since.
            return new UndeployReport(record, List.of(), leftovers(id, List.of()));
        }
        record = store.transition(id, DeploymentState.UNDEPLOYING, null);
        events.info("deployment.state", id, record.state().name());
        List<DeleteOutcome> outcomes;
        try {
            outcomes = remover.remove(entries, cluster.applier(id), options);
        } catch (RuntimeException e) {
            // The inventory says what is left; a later undeploy (or the restart's resume) carries on from there.
            DeploymentRecord failed = store.transition(id, DeploymentState.FAILED,
                    "undeploy stopped by an unexpected error (run it again to carry on): " + e.getMessage());
            events.info("deployment.state", id, failed.state() + ": " + failed.cause());
            return new UndeployReport(failed, List.of(), List.of());
        }

        List<UndeployReport.Leftover> leftovers = leftovers(id, outcomes);
        DeploymentState end = leftovers.isEmpty() ? DeploymentState.UNDEPLOYED : DeploymentState.UNDEPLOYED_WITH_LEFTOVERS;
        String cause = leftovers.isEmpty() ? null : leftovers.size() + " object(s) left:\n" + leftovers.stream()
                .map(l -> " - " + l.ref() + ": " + l.reason() + "  → " + l.removeCommand())
                .collect(Collectors.joining("\n"));
        DeploymentRecord done = store.transition(id, end, cause);
        events.info("deployment.state", id, end + (leftovers.isEmpty() ? ": 0 left" : ": " + cause));
        return new UndeployReport(done, outcomes, leftovers);
    }

    /** What would be removed, in which order, by the same rules as a real undeploy; changes nothing. */
    private UndeployReport dryRun(DeploymentRecord record, List<InventoryEntry> entries, UndeployOptions options) {
        List<DeleteOutcome> planned = new ArrayList<>();
        for (List<InventoryEntry> rank : remover.order(entries)) {
            for (InventoryEntry entry : rank) {
                planned.add(remover.preview(entry, options));
            }
        }
        return new UndeployReport(record, planned, List.of());
    }

    /**
     * Objects still in the cluster that the deployment made: inventory records that did not end deleted (with
     * the reason their removal gave), plus whatever the scan finds with the deployment's label. Pre-existing
     * objects kept on purpose, and shared objects handed over to another deployment, are not leftovers.
     */
    private List<UndeployReport.Leftover> leftovers(String id, List<DeleteOutcome> outcomes) {
        Map<String, String> reasons = new LinkedHashMap<>();
        outcomes.forEach(outcome -> reasons.put(Deploy.identity(outcome.ref()), Remover.describe(outcome)));
        Map<String, UndeployReport.Leftover> found = new LinkedHashMap<>();
        Set<String> keptOnPurpose = new java.util.HashSet<>();
        for (InventoryEntry entry : journal.entries(id)) {
            String key = Deploy.identity(entry.ref());
            if (entry.preExisting() || entry.status() == InventoryStatus.DELETED) {
                keptOnPurpose.add(key);
            } else {
                found.put(key, leftover(entry.ref(), reasons.getOrDefault(key, "inventory record is " + entry.status())));
            }
        }
        TargetCluster.LabelScan scan = cluster.labelled(id);
        for (ResourceRef ref : scan.found()) {
            String key = Deploy.identity(ref);
            if (!keptOnPurpose.contains(key)) {
                found.putIfAbsent(key, leftover(ref, "still carries the deployment's label"));
            }
        }
        for (String kind : scan.unscanned()) {
            events.info("deployment.scan", id, "could not scan " + kind + " for leftovers");
        }
        return List.copyOf(found.values());
    }

    static UndeployReport.Leftover leftover(ResourceRef ref, String reason) {
        String resource = ref.gvk().group().isEmpty() ? ref.gvk().kind().toLowerCase()
                : ref.gvk().kind().toLowerCase() + "." + ref.gvk().group();
        String command = "kubectl delete " + resource + " " + ref.name()
                + (ref.namespace() == null ? "" : " -n " + ref.namespace());
        return new UndeployReport.Leftover(ref, reason, command);
    }
}
