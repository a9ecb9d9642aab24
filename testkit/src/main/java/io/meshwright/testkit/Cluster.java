package io.meshwright.testkit;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster behind one or more handles: an external one from {@code MESHWRIGHT_KUBECONFIG}, or a local
 * control plane it owns and stops on close.
 */
final class Cluster implements AutoCloseable {

    private final Path kubeconfig;
    private final Optional<LocalControlPlane> plane;
    private volatile String version;

    private Cluster(Path kubeconfig, Optional<LocalControlPlane> plane) {
        this.kubeconfig = kubeconfig;
        this.plane = plane;
    }

    static Cluster open(Map<String, String> env) {
        String external = env.get(ClusterHandle.KUBECONFIG_ENV);
        if (external != null && !external.isBlank()) {
            Path path = Path.of(external);
            if (!Files.isReadable(path)) {
                throw new ControlPlaneException(ClusterHandle.KUBECONFIG_ENV + "=" + external
                        + " names no readable file; point it at a kubeconfig or unset it to use the local control plane");
            }
            return new Cluster(path, Optional.empty());
        }
        LocalControlPlane started = LocalControlPlane.start(LocalControlPlane.defaultCache(env), Clock.systemUTC());
        return new Cluster(started.kubeconfig(), Optional.of(started));
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    boolean local() {
        return plane.isPresent();
    }

    Optional<LocalControlPlane> plane() {
        return plane;
    }

    KubernetesClient newClient() {
        try {
            Config config = Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString());
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new ControlPlaneException("Cannot read kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
        }
    }

    String serverVersion() {
        if (version == null) {
            try (KubernetesClient client = newClient()) {
                version = client.getKubernetesVersion().getGitVersion();
            }
        }
        return version;
    }

    @Override
    public void close() {
        plane.ifPresent(LocalControlPlane::close);
    }
}
