package io.meshwright.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

@RealCluster
class ClusterHandleTest {

    @Test
    void kubeconfigFromTheEnvironmentIsUsedAndNothingIsStarted(ClusterHandle cluster) {
        try (ClusterHandle external = ClusterHandle.obtain(Map.of(ClusterHandle.KUBECONFIG_ENV, cluster.kubeconfig().toString()))) {
            assertThat(external.local()).isFalse();
            assertThat(external.kubeconfig()).isEqualTo(cluster.kubeconfig());
            assertThat(external.serverVersion()).isEqualTo(cluster.serverVersion());
        }
        // Closing a handle on an external cluster must leave that cluster running.
        assertThat(cluster.client().namespaces().withName("default").get()).isNotNull();
    }

    @Test
    void kubeconfigVariableNamingNoFileIsRejectedWithWhatToDo() {
        assertThatThrownBy(() -> ClusterHandle.obtain(Map.of(ClusterHandle.KUBECONFIG_ENV, "/nonexistent/kubeconfig")))
                .isInstanceOf(ControlPlaneException.class)
                .hasMessageContaining("/nonexistent/kubeconfig")
                .hasMessageContaining("unset it");
    }

    @Test
    void namespacesCreatedThroughAHandleAreDeletedWhenItCloses(ClusterHandle cluster) {
        String name;
        try (ClusterHandle external = ClusterHandle.obtain(Map.of(ClusterHandle.KUBECONFIG_ENV, cluster.kubeconfig().toString()))) {
            name = external.createNamespace("scoped");
            assertThat(cluster.client().namespaces().withName(name).get()).isNotNull();
        }
        var namespace = cluster.client().namespaces().withName(name).get();
        assertThat(namespace == null || namespace.getMetadata().getDeletionTimestamp() != null).isTrue();
    }
}
