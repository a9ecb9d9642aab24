package io.meshwright.engine.lifecycle;

import io.meshwright.engine.cluster.TargetCluster;
import io.meshwright.engine.inventory.InventoryRecords;
import io.meshwright.engine.plan.KindOrder;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Orphan tracking for the whole target cluster: what carries Meshwright's deployment label (or is a CRD a deployment
 * recorded) and no live inventory holds, and its removal under undeploy's rules.
 */
public final class Orphans {

    private final OrphanScan scan;
    private final OrphanCleaner cleaner;

    public Orphans(DeploymentStore store, InventoryRecords inventory, TargetCluster cluster, KindOrder kindOrder,
            int concurrency) {
        this(store, inventory, cluster, kindOrder, concurrency, new ReentrantLock());
    }

    /**
     * @param transitions held by every deploy and undeploy of the lifecycle while it writes: a clean holds it too, so
     *                    that no deploy adopts or re-claims an object between the clean's last look and its delete
     */
    Orphans(DeploymentStore store, InventoryRecords inventory, TargetCluster cluster, KindOrder kindOrder,
            int concurrency, java.util.concurrent.locks.Lock transitions) {
        this.scan = new OrphanScan(store, inventory, cluster);
        this.cleaner = new OrphanCleaner(scan, inventory, cluster, kindOrder, concurrency, transitions);
    }

    /** Every orphan, each with why; changes nothing. */
    public OrphanReport scan() {
        return scan.scan();
    }

    /**
     * Scans again and removes every orphan the rules allow, waiting up to {@code timeout} for each rank to be gone;
     * with {@code dryRun}, says what it would remove and changes nothing. What this engine did not apply is kept
     * unless {@code include} names it.
     */
    public OrphanReport clean(boolean dryRun, Duration timeout, Include include) {
        return cleaner.clean(dryRun, timeout, include);
    }

    /**
     * Orphans a clean removes although this engine did not apply them: the user says they are dead.
     *
     * @param unstamped objects that carry no engine id (applied by an engine older than the stamp)
     * @param engines   ids of other engines that are gone (their data directory deleted): their objects too
     */
    public record Include(boolean unstamped, Set<String> engines) {

        public Include {
            engines = Set.copyOf(engines);
        }

        /** Only this engine's orphans: the default. */
        public static Include none() {
            return new Include(false, Set.of());
        }

        /** Whether a clean may remove {@code orphan}, as far as which engine applied it goes. */
        boolean covers(Orphan orphan) {
            return switch (orphan.origin()) {
                case THIS_ENGINE -> true;
                case OTHER_ENGINE -> engines.contains(orphan.engineId());
                case NO_ENGINE_STAMP -> unstamped;
            };
        }
    }
}
