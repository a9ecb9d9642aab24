package io.meshwright.engine.lifecycle;

import io.meshwright.spi.deploy.DeleteOutcome;
import java.util.List;

/**
 * What an orphan scan found, and (for a clean) what became of each orphan.
 *
 * @param orphans   every orphan, with why
 * @param removals  one per orphan for a clean, in the order they were handled; empty for a scan
 * @param unscanned kinds the scan could not list, with why: "no orphans" is claimed only when this is empty
 * @param dryRun    whether the removals say what would happen (nothing was changed)
 * @param engineId  the id of the engine that scanned ({@code null} when it stamps none): orphans carrying another are
 *                  not its own
 */
public record OrphanReport(List<Orphan> orphans, List<Removal> removals, List<String> unscanned, boolean dryRun,
        String engineId) {

    public OrphanReport {
        orphans = List.copyOf(orphans);
        removals = List.copyOf(removals);
        unscanned = List.copyOf(unscanned);
    }

    /**
     * What became of one orphan.
     *
     * @param orphan  the orphan
     * @param outcome deleted, already gone, kept (with the rule that keeps it), held by finalizers, or failed
     * @param command the kubectl command that removes it by hand when it is still there; empty otherwise
     */
    public record Removal(Orphan orphan, DeleteOutcome outcome, String command) {}
}
