package io.meshwright.engine.lifecycle;

import io.meshwright.spi.deploy.DeploymentState;

/** A deployment was asked to move to a state its current state does not allow (e.g. undeploy while applying). */
public class IllegalTransitionException extends RuntimeException {

    private final DeploymentState from;
    private final DeploymentState to;

    public IllegalTransitionException(String deploymentId, DeploymentState from, DeploymentState to) {
        super("deployment " + deploymentId + " is " + from + " and cannot move to " + to
                + " (allowed from " + from + ": " + Transitions.successors(from) + ")");
        this.from = from;
        this.to = to;
    }

    public DeploymentState from() {
        return from;
    }

    public DeploymentState to() {
        return to;
    }
}
