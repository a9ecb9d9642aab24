package io.meshwright.engine.agent;

import io.meshwright.engine.nats.NatsSettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the sync agent watches and where it publishes.
 *
 * @param kubeconfig  the kubeconfig; empty for the usual lookup (KUBECONFIG, ~/.kube/config, in-cluster)
 * @param context     the context within it; empty for its current context
 * @param cluster     the cluster's name in every event and subject (a DNS-1123 label)
 * @param nats        the NATS server and stream (the agent publishes as {@code agent-<cluster>} and follows nothing)
 */
public record AgentSettings(Optional<Path> kubeconfig, Optional<String> context, String cluster, NatsSettings nats) {

    public AgentSettings {
        Objects.requireNonNull(kubeconfig, "kubeconfig");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(nats, "nats");
        if (cluster == null || !cluster.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || cluster.length() > 63) {
            throw new IllegalArgumentException("--cluster: expected a DNS-1123 label (lower-case letters, digits and '-',"
                    + " e.g. prod-eu), but was '" + cluster + "'");
        }
        nats = nats.withFollow(false).withPublisher("agent-" + cluster);
    }
}
