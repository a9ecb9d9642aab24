package io.meshwright.engine.status;

import java.util.Optional;

/**
 * Whether the cluster answered when asked for its version.
 *
 * @param reachable         it answered
 * @param kubernetesVersion its {@code gitVersion}, when it answered
 * @param problem           why it could not be reached (or what it answered instead), when it did not
 */
public record ClusterState(boolean reachable, Optional<String> kubernetesVersion, Optional<String> problem) {

    public static ClusterState reachable(String version) {
        return new ClusterState(true, Optional.of(version), Optional.empty());
    }

    public static ClusterState unreachable(String problem) {
        return new ClusterState(false, Optional.empty(), Optional.of(problem));
    }
}
