package io.meshwright.engine.status;

/** Asks the target cluster whether it answers, and with which Kubernetes version. Never throws. */
@FunctionalInterface
public interface ClusterProbe {

    ClusterState probe();
}
