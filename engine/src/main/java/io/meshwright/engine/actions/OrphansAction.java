package io.meshwright.engine.actions;

import io.meshwright.engine.lifecycle.OrphanReport;
import io.meshwright.engine.lifecycle.Orphans;
import java.time.Duration;

/**
 * Orphans: objects carrying Meshwright's deployment label that no inventory holds, and CRDs whose every claimant is
 * gone. {@link #scan} lists them with why; {@link #clean} removes them under undeploy's rules, or says what it would.
 */
public final class OrphansAction {

    /**
     * @param dryRun  say what would be removed and change nothing (the default everywhere: removing needs asking)
     * @param timeout how long one kind order rank may take to be gone
     */
    public record Options(boolean dryRun, Duration timeout) {

        public Options {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw ActionException.badParameter("timeout", "timeout: expected a positive duration, but was " + timeout);
            }
        }
    }

    private final EngineContext context;

    public OrphansAction(EngineContext context) {
        this.context = context;
    }

    /** Every orphan in the target cluster, each with why. */
    public OrphanReport scan() {
        Orphans orphans = orphans();
        context.requireReachable();
        return orphans.scan();
    }

    /** The orphans found now, and what became (or would become) of each. */
    public OrphanReport clean(Options options) {
        Orphans orphans = orphans();
        context.requireReachable();
        OrphanReport report = orphans.clean(options.dryRun(), options.timeout());
        context.counter().count("orphans-clean", options.dryRun() ? "dry-run" : "done");
        return report;
    }

    private Orphans orphans() {
        return context.requireDeployments().orphans().orElseThrow(() -> ActionException.unavailable(
                "orphan tracking is not available: no target cluster is wired into this engine"));
    }
}
