package io.meshwright.engine.status;

/**
 * The target cluster does not answer: the request needs it, so it cannot be served now (HTTP 503). The message
 * names the kubeconfig, context and server the engine uses, why the cluster did not answer, and what to do.
 */
public final class ClusterUnreachableException extends RuntimeException {

    public ClusterUnreachableException(ClusterTarget target, String why) {
        super(message(target, why));
    }

    /** The message for a cluster that did not answer because of {@code why}. */
    public static String message(ClusterTarget target, String why) {
        return "the cluster cannot be reached (" + why + "); the engine uses " + target.describe() + "; " + target.remedy();
    }
}
