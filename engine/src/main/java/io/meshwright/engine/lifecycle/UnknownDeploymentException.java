package io.meshwright.engine.lifecycle;

/** No deployment has the given id. */
public class UnknownDeploymentException extends RuntimeException {
    public UnknownDeploymentException(String id) {
        super("no deployment with id " + id + " (meshwright deployment list shows them)");
    }
}
