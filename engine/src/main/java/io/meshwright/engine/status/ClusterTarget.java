package io.meshwright.engine.status;

import io.fabric8.kubernetes.client.Config;
import java.io.File;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The cluster the engine deploys to, as its kubeconfig names it.
 *
 * @param kubeconfig the kubeconfig file read; empty when none was found (the client then falls back to the
 *                   in-cluster default server)
 * @param context    the context used; empty when the kubeconfig has none (or there is no kubeconfig)
 * @param server     the API server's URL
 */
public record ClusterTarget(Optional<Path> kubeconfig, Optional<String> context, String server) {

    public ClusterTarget {
        Objects.requireNonNull(kubeconfig, "kubeconfig");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(server, "server");
    }

    /** What a fabric8 client configuration points at. */
    public static ClusterTarget of(Config config) {
        File file = config.getFile();
        String server = config.getMasterUrl() == null ? "" : config.getMasterUrl();
        return new ClusterTarget(Optional.ofNullable(file).map(File::toPath),
                Optional.ofNullable(config.getCurrentContext()).map(c -> c.getName()),
                server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
    }

    /** "kubeconfig F, context C, server S", or what was used when there was no kubeconfig. */
    public String describe() {
        if (kubeconfig.isEmpty()) {
            return "no kubeconfig (none given with serve --kubeconfig, $KUBECONFIG unset or missing, no ~/.kube/config), "
                    + "so the in-cluster default server " + server;
        }
        return "kubeconfig " + kubeconfig.get() + ", context " + context.orElse("(none)") + ", server " + server;
    }

    /** What to do when the cluster cannot be reached. */
    public String remedy() {
        return "start the cluster or fix the kubeconfig, or restart the engine with "
                + "'meshwright serve --kubeconfig FILE --context NAME'; 'meshwright status' shows what the engine uses";
    }
}
