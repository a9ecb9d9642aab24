package io.meshwright.engine.status;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.Optional;

/**
 * Tells a failure to reach the Kubernetes API server (no such host, connection refused, no route, connect
 * timeout) from other failures. Only failures raised on the way to the cluster count — by the engine's cluster
 * access or the fabric8 client — so that, say, an unreachable URL given to a model import is not taken for an
 * unreachable cluster.
 */
public final class ClusterUnreachable {

    private static final String[] CLUSTER_CODE = {"io.meshwright.engine.cluster.", "io.fabric8.kubernetes."};

    private ClusterUnreachable() {}

    /** The connection failure behind {@code failure}, when it is one on the way to the cluster. */
    public static Optional<Throwable> cause(Throwable failure) {
        boolean fromCluster = false;
        Throwable connection = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            fromCluster |= raisedByClusterCode(t);
            if (connection == null && isConnectionFailure(t)) {
                connection = t;
            }
        }
        return fromCluster ? Optional.ofNullable(connection) : Optional.empty();
    }

    /** A connection failure in words: "unknown host example", "connection refused", or the exception's message. */
    public static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (failure instanceof UnknownHostException) {
            return "unknown host " + message.replaceFirst(":.*$", "");
        }
        return message;
    }

    private static boolean isConnectionFailure(Throwable t) {
        return t instanceof UnknownHostException || t instanceof ConnectException || t instanceof NoRouteToHostException
                || t instanceof HttpConnectTimeoutException;
    }

    private static boolean raisedByClusterCode(Throwable t) {
        if (startsWithAny(t.getClass().getName())) {
            return true;
        }
        for (StackTraceElement frame : t.getStackTrace()) {
            if (startsWithAny(frame.getClassName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAny(String name) {
        for (String prefix : CLUSTER_CODE) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
