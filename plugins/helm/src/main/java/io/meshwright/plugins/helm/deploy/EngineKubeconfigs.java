package io.meshwright.plugins.helm.deploy;

import io.meshwright.spi.extension.ClusterApplier;

/** The kubeconfig of the applier's target cluster, as the engine offers it. */
enum EngineKubeconfigs implements Kubeconfigs {
    INSTANCE;

    @Override
    public String of(ClusterApplier applier) {
        // Re-pointed to applier.view().kubeconfig() once the engine's SPI offers it (issue 12).
        throw new IllegalStateException("this engine does not give plugins a kubeconfig for the target cluster"
                + " (ClusterView.kubeconfig, issue 12); the Helm plugin needs an engine that does");
    }
}
