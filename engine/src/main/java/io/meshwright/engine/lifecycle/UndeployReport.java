package io.meshwright.engine.lifecycle;

import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.ResourceRef;
import java.util.List;

/**
 * What an undeploy did, step by step, and what the post-condition scan found.
 *
 * @param deployment the deployment after the undeploy
 * @param outcomes   one outcome per inventoried object, in the order they were handled
 * @param leftovers  objects still in the cluster that carry the deployment's label or are in its inventory,
 *                   each with the command that removes it
 * @param unscanned  kinds the scan could not read, with why; "0 left" is claimed only when both lists are empty
 */
public record UndeployReport(DeploymentRecord deployment, List<DeleteOutcome> outcomes, List<Leftover> leftovers,
        List<String> unscanned) {

    /** Whether the post-condition holds: nothing left, and every kind was scanned to prove it. */
    public boolean verifiedEmpty() {
        return leftovers.isEmpty() && unscanned.isEmpty();
    }

    /** An object that is still there, why, and how to remove it. */
    public record Leftover(ResourceRef ref, String reason, String removeCommand) {}
}
