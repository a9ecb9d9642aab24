package io.meshwright.engine.lifecycle;

/** A deployment belongs to another cluster than the one the engine targets now; nothing was done. */
public final class WrongClusterException extends RuntimeException {

    public WrongClusterException(String deploymentId, String recordedServer, String recordedUid, String currentServer,
            String currentUid) {
        super("deployment " + deploymentId + " was deployed to the cluster at " + recordedServer + " (kube-system uid "
                + recordedUid + "), but the engine now targets " + currentServer + " (kube-system uid " + currentUid
                + "); nothing was done. Start the engine with that cluster's kubeconfig/context to work on it.");
    }
}
