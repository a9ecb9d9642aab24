package io.meshwright.engine.cluster;

/**
 * The cluster could not answer a question whose answer matters: a group whose discovery failed (an aggregated
 * API that is down), a list that was refused. Whether an object exists is then unknown, which is never to be
 * taken for "absent".
 */
public final class ClusterUnavailableException extends RuntimeException {

    public ClusterUnavailableException(String message) {
        super(message);
    }
}
