package io.meshwright.plugins.helm.deploy;

import io.meshwright.spi.extension.ClusterApplier;

/** The kubeconfig of the applier's target cluster, as the engine's cluster view offers it. */
enum EngineKubeconfigs implements Kubeconfigs {
    INSTANCE;

    @Override
    public String of(ClusterApplier applier) {
        return applier.view().kubeconfig();
    }
}
