package io.meshwright.engine.lifecycle;

import io.meshwright.spi.deploy.PartOutcome;

/**
 * What happened to one step of a plan during apply.
 *
 * @param stepId  the component id
 * @param outcome the deployer's outcome, or {@code null} when the step was withheld
 * @param note    why it failed or was withheld, for the summary
 */
record StepResult(String stepId, PartOutcome outcome, String note) {

    boolean failed() {
        return outcome == null || outcome instanceof PartOutcome.Failed;
    }

    boolean withheld() {
        return outcome == null;
    }
}
