package io.meshwright.testkit;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Kubernetes cluster to test against: the shared {@link LocalControlPlane}, or the cluster named by the
 * environment variable {@code MESHWRIGHT_KUBECONFIG} (kind, k3s, a cloud cluster), in which case nothing is
 * started. (Where Docker exists, k3s through Testcontainers would be a third source; it is not implemented
 * because these machines have no Docker.)
 *
 * <p>In JUnit tests, annotate the class with {@link RealCluster} and take a {@code ClusterHandle} parameter.
 * The handle belongs to the test (or class) it was injected into: clients it handed out are closed and the
 * namespaces made with {@link #createNamespace(String)} are deleted when that test (or class) ends. Elsewhere
 * (benchmarks, mains) use {@link #obtain()} and close the handle.
 */
public interface ClusterHandle extends AutoCloseable {

    /** The environment variable that points the test kit at an existing cluster instead of starting one. */
    String KUBECONFIG_ENV = "MESHWRIGHT_KUBECONFIG";

    /** The kubeconfig file of the cluster (admin on the local control plane). */
    Path kubeconfig();

    /** A new fabric8 client for the cluster; it is closed with this handle, closing it earlier is fine. */
    KubernetesClient client();

    /**
     * A namespace name unique to this handle and call, valid as a DNS-1123 label, built from {@code hint}
     * (e.g. {@code "orders"} gives {@code "mw-orders-k3f9q-1"}). Nothing is created.
     */
    String namespace(String hint);

    /** {@link #namespace(String)}, created on the cluster now and deleted (without waiting) on close. */
    String createNamespace(String hint);

    /** The apiserver's git version, e.g. {@code "v1.20.2"}. */
    String serverVersion();

    /** True when this is the local control plane the test kit started, false for a MESHWRIGHT_KUBECONFIG cluster. */
    boolean local();

    /**
     * Restarts the local control plane's kube-apiserver on the same port (etcd and the controllers keep running)
     * and returns once it is ready again, with how long it was away: for tests of what a client does while the
     * API server is gone. The control plane is shared by every test class of the JVM; it is usable as before
     * once this returns.
     *
     * @throws UnsupportedOperationException when the cluster is not the local control plane
     *     ({@value #KUBECONFIG_ENV} names another); check {@link #local()} first
     */
    java.time.Duration restartApiServer();

    /** Closes the clients handed out, deletes created namespaces, and stops a control plane this handle owns. */
    @Override
    void close();

    /**
     * For code outside JUnit: the {@code MESHWRIGHT_KUBECONFIG} cluster if set, else a newly started local
     * control plane that {@link #close()} stops.
     */
    static ClusterHandle obtain() {
        Cluster cluster = Cluster.open(System.getenv());
        return new ScopedClusterHandle(cluster, true);
    }

    /** Same as {@link #obtain()} with an explicit environment (for tests of the selection itself). */
    static ClusterHandle obtain(Map<String, String> env) {
        return new ScopedClusterHandle(Cluster.open(env), true);
    }
}
