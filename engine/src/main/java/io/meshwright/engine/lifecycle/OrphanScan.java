package io.meshwright.engine.lifecycle;

import io.meshwright.engine.cluster.TargetCluster;
import io.meshwright.engine.inventory.InventoryRecords;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.spi.deploy.ResourceRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds orphans: objects carrying Meshwright's deployment label that no live inventory record holds, and CRDs a
 * deployment recorded (Helm's carry no label) whose every claimant is gone. A record is live when it is intended or
 * confirmed and its deployment is still in the store. The cluster is listed before the records are read: the
 * journaling applier records an intent before it writes, so an object a deploy makes meanwhile is never taken for
 * an orphan. A CRD an undeploy kept on request ({@code --keep-crds}) is no orphan: the user asked to keep it.
 *
 * <p>Each orphan says which engine applied it (the {@code meshwright.io/engine} stamp): deployment ids derive from
 * the design name, so another engine's live deployment of a design of the same name carries the very label this
 * engine's store may know. The cleaner keeps what is not this engine's unless asked.
 */
final class OrphanScan {

    private final DeploymentStore store;
    private final InventoryRecords inventory;
    private final TargetCluster cluster;

    OrphanScan(DeploymentStore store, InventoryRecords inventory, TargetCluster cluster) {
        this.store = store;
        this.inventory = inventory;
        this.cluster = cluster;
    }

    /** This engine's id, as stamped on what it applies; {@code null} when it stamps none. */
    String engineId() {
        return cluster.objects().engineId().orElse(null);
    }

    /** Every orphan in the cluster, and the kinds that could not be listed. */
    OrphanReport scan() {
        String engineId = engineId();
        TargetCluster.LabelledScan labelled = cluster.labelledByAnyDeployment();
        Records records = records();
        List<Orphan> orphans = new ArrayList<>();
        Map<String, TargetCluster.Labelled> seen = new HashMap<>();
        for (TargetCluster.Labelled object : labelled.found()) {
            seen.put(object.ref().key(), object);
            if (records.live(object.ref()).isEmpty() && !records.keptOnRequest(object.ref(), object.uid())) {
                Orphan.Origin origin = object.engineId() == null ? Orphan.Origin.NO_ENGINE_STAMP
                        : object.engineId().equals(engineId) ? Orphan.Origin.THIS_ENGINE : Orphan.Origin.OTHER_ENGINE;
                orphans.add(orphan(object.ref(), object.uid(), object.deploymentId(), records, object.adopted(), origin,
                        object.engineId(), engineId));
            }
        }
        for (InventoryEntry crd : records.unlabelledCrds(seen.keySet())) {
            String uid = cluster.view().get(crd.ref())
                    .flatMap(live -> Optional.ofNullable(live.get("metadata")) .filter(Map.class::isInstance)
                            .map(m -> ((Map<?, ?>) m).get("uid"))).map(String::valueOf).orElse(null);
            // Only the very object a deployment recorded: a CRD re-created under the name since is someone else's.
            if (uid != null && records.of(crd.ref()).stream().anyMatch(r -> uid.equals(r.uid()))
                    && !records.keptOnRequest(crd.ref(), uid)) {
                // This engine's record names the very object (a tool's CRD carries no stamp): this engine's.
                orphans.add(orphan(crd.ref(), uid, crd.deploymentId(), records, false, Orphan.Origin.THIS_ENGINE,
                        null, engineId));
            }
        }
        return new OrphanReport(orphans, List.of(), labelled.unscanned(), false, engineId);
    }

    /** Every record on this cluster, read now. */
    Records records() {
        return new Records(inventory.recordsOnCluster(cluster.identity()), store, inventory);
    }

    private static Orphan orphan(ResourceRef ref, String uid, String deploymentId, Records records, boolean adopted,
            Orphan.Origin origin, String stamp, String engineId) {
        boolean preExisting = adopted || records.of(ref).stream().anyMatch(InventoryEntry::preExisting);
        String engine = switch (origin) {
            case THIS_ENGINE -> "";
            case OTHER_ENGINE -> "applied by engine " + stamp + ", not this one (" + engineId + "): its deployment may be"
                    + " live there; ";
            case NO_ENGINE_STAMP -> "carries no engine id (applied by an older Meshwright, or labelled by hand): it may"
                    + " be another engine's live deployment; ";
        };
        if (CrdSafetyRule.isCrd(new InventoryEntry(deploymentId, ref, uid, null, false, InventoryStatus.CONFIRMED))) {
            Map<String, String> claimants = new LinkedHashMap<>();
            claimants.put(deploymentId, records.describe(deploymentId, ref));
            records.of(ref).forEach(r -> claimants.putIfAbsent(r.deploymentId(), records.describe(r.deploymentId(), ref)));
            return new Orphan(ref, uid, deploymentId, Orphan.Reason.CRD_CLAIMANTS_GONE, engine + "a CRD claimed only by"
                    + " gone deployments: " + claimants.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue()
                    + ")").collect(Collectors.joining(", ")), preExisting, origin, stamp);
        }
        Optional<DeploymentRecord> deployment = records.deployment(deploymentId);
        if (deployment.isEmpty()) {
            return new Orphan(ref, uid, deploymentId, Orphan.Reason.NO_SUCH_DEPLOYMENT, engine + "labelled for"
                    + " deployment " + deploymentId + ", which the store does not hold", preExisting, origin, stamp);
        }
        return new Orphan(ref, uid, deploymentId, Orphan.Reason.NOT_IN_INVENTORY, engine + "deployment " + deploymentId
                + " exists here (" + records.describe(deploymentId, ref) + ")", preExisting, origin, stamp);
    }

    /** The records of one cluster, by object, with their deployments looked up once each. */
    static final class Records {

        private final Map<String, List<InventoryEntry>> byObject = new HashMap<>();
        private final Map<String, Optional<DeploymentRecord>> deployments = new HashMap<>();
        private final DeploymentStore store;
        private final InventoryRecords inventory;

        Records(List<InventoryEntry> entries, DeploymentStore store, InventoryRecords inventory) {
            this.store = store;
            this.inventory = inventory;
            entries.forEach(e -> byObject.computeIfAbsent(e.ref().key(), key -> new ArrayList<>()).add(e));
        }

        Optional<DeploymentRecord> deployment(String id) {
            return deployments.computeIfAbsent(id, store::get);
        }

        List<InventoryEntry> of(ResourceRef ref) {
            return byObject.getOrDefault(ref.key(), List.of());
        }

        /** The records that hold {@code ref}: intended or confirmed, of a deployment still in the store. */
        List<InventoryEntry> live(ResourceRef ref) {
            return of(ref).stream()
                    .filter(e -> e.status() == InventoryStatus.INTENDED || e.status() == InventoryStatus.CONFIRMED)
                    .filter(e -> deployment(e.deploymentId()).isPresent())
                    .toList();
        }

        /**
         * Whether a deployment kept this very CRD (same uid) on undeploy because the user asked
         * ({@code --keep-crds}): it is the user's now, not an orphan.
         */
        boolean keptOnRequest(ResourceRef ref, String uid) {
            if (uid == null || !CrdSafetyRule.isCrd(new InventoryEntry("-", ref, uid, null, false, InventoryStatus.CONFIRMED))) {
                return false;
            }
            return of(ref).stream()
                    .filter(e -> e.status() == InventoryStatus.LEFT_OVER && uid.equals(e.uid()))
                    .anyMatch(e -> inventory.leftOverReason(e.deploymentId(), ref)
                            .filter(CrdSafetyRule.KEPT_ON_REQUEST::equals).isPresent());
        }

        /** CRD records, not pre-existing, of objects the label scan did not see and nobody holds: one per CRD. */
        List<InventoryEntry> unlabelledCrds(java.util.Set<String> labelled) {
            return byObject.values().stream()
                    .map(List::getFirst)
                    .filter(CrdSafetyRule::isCrd)
                    .filter(e -> !labelled.contains(e.ref().key()))
                    .filter(e -> of(e.ref()).stream().noneMatch(InventoryEntry::preExisting))
                    .filter(e -> live(e.ref()).isEmpty())
                    .toList();
        }

        /** What {@code deploymentId} is and holds of {@code ref}, in a few words. */
        String describe(String deploymentId, ResourceRef ref) {
            Optional<DeploymentRecord> deployment = deployment(deploymentId);
            if (deployment.isEmpty()) {
                return "not in the store";
            }
            String record = of(ref).stream().filter(e -> e.deploymentId().equals(deploymentId)).findFirst()
                    .map(e -> "its record of it is " + e.status()).orElse("its inventory does not hold it");
            return deployment.get().state() + ", " + record;
        }
    }
}
