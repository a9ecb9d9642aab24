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
     * @param dryRun         say what would be removed and change nothing (the default everywhere: removing needs asking)
     * @param timeout        how long one kind order rank may take to be gone
     * @param includeUnknown also remove orphans that carry no engine id (applied by an older Meshwright)
     * @param engines        ids of other engines that are gone (a deleted data directory): also remove their orphans
     */
    public record Options(boolean dryRun, Duration timeout, boolean includeUnknown, java.util.Set<String> engines) {

        public Options {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw ActionException.badParameter("timeout", "timeout: expected a positive duration, but was " + timeout);
            }
            engines = java.util.Set.copyOf(engines);
            for (String engine : engines) {
                try {
                    java.util.UUID.fromString(engine);
                } catch (IllegalArgumentException e) {
                    throw ActionException.badParameter("engines", "engines: expected engine ids (UUIDs, as orphans scan"
                            + " shows them), but found \"" + engine + "\"");
                }
            }
        }

        /** Only this engine's orphans. */
        public Options(boolean dryRun, Duration timeout) {
            this(dryRun, timeout, false, java.util.Set.of());
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
        OrphanReport report = orphans.clean(options.dryRun(), options.timeout(),
                new Orphans.Include(options.includeUnknown(), options.engines()));
        context.counter().count("orphans-clean", options.dryRun() ? "dry-run" : "done");
        return report;
    }

    private Orphans orphans() {
        return context.requireDeployments().orphans().orElseThrow(() -> ActionException.unavailable(
                "orphan tracking is not available: no target cluster is wired into this engine"));
    }
}
