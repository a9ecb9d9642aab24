package io.meshwright.engine.cluster;

/** Something the deployment waited for did not happen in time; the message names what and why. */
public class ClusterWaitException extends RuntimeException {
    public ClusterWaitException(String message) {
        super(message);
    }
}
