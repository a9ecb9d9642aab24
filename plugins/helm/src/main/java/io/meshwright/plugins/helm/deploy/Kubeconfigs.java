package io.meshwright.plugins.helm.deploy;

import io.meshwright.spi.extension.ClusterApplier;

/**
 * The kubeconfig (YAML text, current context = the deployment's target cluster) Helm talks to the cluster with.
 * Helm writes to the cluster itself; every object it creates is recorded through the applier's intend/confirm.
 */
@FunctionalInterface
public interface Kubeconfigs {

    String of(ClusterApplier applier);
}
