package io.meshwright.engine.lifecycle;

import io.meshwright.engine.cluster.TargetCluster;
import io.meshwright.engine.inventory.InventoryRecords;
import io.meshwright.engine.plan.KindOrder;
import java.time.Duration;

/**
 * Orphan tracking for the whole target cluster: what carries Meshwright's deployment label (or is a CRD a deployment
 * recorded) and no live inventory holds, and its removal under undeploy's rules.
 */
public final class Orphans {

    private final OrphanScan scan;
    private final OrphanCleaner cleaner;

    public Orphans(DeploymentStore store, InventoryRecords inventory, TargetCluster cluster, KindOrder kindOrder,
            int concurrency) {
        this.scan = new OrphanScan(store, inventory, cluster);
        this.cleaner = new OrphanCleaner(scan, inventory, cluster, kindOrder, concurrency);
    }

    /** Every orphan, each with why; changes nothing. */
    public OrphanReport scan() {
        return scan.scan();
    }

    /**
     * Scans again and removes every orphan the rules allow, waiting up to {@code timeout} for each rank to be gone;
     * with {@code dryRun}, says what it would remove and changes nothing.
     */
    public OrphanReport clean(boolean dryRun, Duration timeout) {
        return cleaner.clean(dryRun, timeout);
    }
}
