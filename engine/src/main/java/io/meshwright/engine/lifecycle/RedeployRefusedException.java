package io.meshwright.engine.lifecycle;

import io.meshwright.spi.deploy.DeploymentState;

/**
 * A new version of a deployed design was refused before anything changed (it does not validate, cannot be
 * planned, or shares nothing with the deployed version): the deployment keeps its state and its recorded
 * version, and the cluster was not touched.
 */
public final class RedeployRefusedException extends RuntimeException {

    private final String deploymentId;

    public RedeployRefusedException(String deploymentId, DeploymentState state, String reason) {
        super("deployment " + deploymentId + " stays " + state + " with its deployed version: " + reason);
        this.deploymentId = deploymentId;
    }

    public String deploymentId() {
        return deploymentId;
    }
}
