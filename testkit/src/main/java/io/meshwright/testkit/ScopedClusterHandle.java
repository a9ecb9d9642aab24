package io.meshwright.testkit;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** A handle for one test, class or caller; cleans up what it handed out on close. */
final class ScopedClusterHandle implements ClusterHandle {

    private final Cluster cluster;
    private final boolean ownsCluster;
    private final NamespaceNames names = new NamespaceNames(new SecureRandom());
    private final List<KubernetesClient> clients = new ArrayList<>();
    private final List<String> createdNamespaces = new ArrayList<>();

    ScopedClusterHandle(Cluster cluster, boolean ownsCluster) {
        this.cluster = cluster;
        this.ownsCluster = ownsCluster;
    }

    @Override
    public Path kubeconfig() {
        return cluster.kubeconfig();
    }

    @Override
    public synchronized KubernetesClient client() {
        KubernetesClient client = cluster.newClient();
        clients.add(client);
        return client;
    }

    @Override
    public String namespace(String hint) {
        return names.next(hint);
    }

    @Override
    public String createNamespace(String hint) {
        String name = namespace(hint);
        try (KubernetesClient client = cluster.newClient()) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                    .addToLabels("meshwright.io/test", "true").endMetadata().build()).create();
        }
        synchronized (this) {
            createdNamespaces.add(name);
        }
        return name;
    }

    @Override
    public String serverVersion() {
        return cluster.serverVersion();
    }

    @Override
    public boolean local() {
        return cluster.local();
    }

    @Override
    public java.time.Duration restartApiServer() {
        return cluster.plane().orElseThrow(() -> new UnsupportedOperationException("the API server of the cluster in "
                + cluster.kubeconfig() + " (" + KUBECONFIG_ENV + ") is not the test kit's to restart")).restartApiServer();
    }

    /** The control plane behind this handle, when the test kit started one. */
    Cluster cluster() {
        return cluster;
    }

    @Override
    public synchronized void close() {
        if (!createdNamespaces.isEmpty()) {
            try (KubernetesClient client = cluster.newClient()) {
                for (String name : createdNamespaces) {
                    try {
                        client.namespaces().withName(name).delete();
                    } catch (KubernetesClientException e) {
                        // Already gone (the test deleted it) or the cluster is stopping; nothing to undo.
                    }
                }
            }
            createdNamespaces.clear();
        }
        clients.forEach(KubernetesClient::close);
        clients.clear();
        if (ownsCluster) {
            cluster.close();
        }
    }
}
