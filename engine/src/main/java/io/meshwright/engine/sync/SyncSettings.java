package io.meshwright.engine.sync;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link ClusterWatch} watches and how.
 *
 * @param builtInKinds     built-in group-kinds to watch ({@code Deployment.apps}, {@code ConfigMap}, …) when served
 * @param customResources  whether to watch every kind a CustomResourceDefinition serves (registered or not: an
 *                         unregistered one is what makes objects DISCOVERED)
 * @param debounce         how long CRD changes are gathered before discovery is refreshed and informers adjusted
 * @param registryRecheck  how often the registry is asked again whether each watched kind is registered (objects
 *                         of a kind that became registered move from DISCOVERED to REGISTERED)
 */
public record SyncSettings(Set<String> builtInKinds, boolean customResources, Duration debounce, Duration registryRecheck) {

    /** Core workload, networking, config, RBAC and storage kinds, and CRDs. */
    public static final Set<String> DEFAULT_KINDS = Set.of(
            "Namespace", "Pod", "Service", "ServiceAccount", "ConfigMap", "Secret", "PersistentVolumeClaim",
            "PersistentVolume", "Endpoints",
            "Deployment.apps", "StatefulSet.apps", "DaemonSet.apps", "ReplicaSet.apps", "Job.batch", "CronJob.batch",
            "Ingress.networking.k8s.io", "IngressClass.networking.k8s.io", "NetworkPolicy.networking.k8s.io",
            "Role.rbac.authorization.k8s.io", "RoleBinding.rbac.authorization.k8s.io",
            "ClusterRole.rbac.authorization.k8s.io", "ClusterRoleBinding.rbac.authorization.k8s.io",
            "StorageClass.storage.k8s.io", "CustomResourceDefinition.apiextensions.k8s.io");

    public SyncSettings {
        builtInKinds = Set.copyOf(Objects.requireNonNull(builtInKinds, "builtInKinds"));
        Objects.requireNonNull(debounce, "debounce");
        Objects.requireNonNull(registryRecheck, "registryRecheck");
        if (debounce.isNegative() || registryRecheck.isNegative() || registryRecheck.isZero()) {
            throw new IllegalArgumentException("debounce must be zero or more and registryRecheck more than zero, but were "
                    + debounce + " and " + registryRecheck);
        }
    }

    /** The default kinds, every custom resource, CRD changes gathered for 1.5 s, the registry asked every 5 s. */
    public static SyncSettings defaults() {
        return new SyncSettings(DEFAULT_KINDS, true, Duration.ofMillis(1500), Duration.ofSeconds(5));
    }

    /** The same watching these built-in group-kinds. */
    public SyncSettings withBuiltInKinds(Set<String> kinds) {
        return new SyncSettings(kinds, customResources, debounce, registryRecheck);
    }

    /** The same asking the registry at this interval. */
    public SyncSettings withRegistryRecheck(Duration every) {
        return new SyncSettings(builtInKinds, customResources, debounce, every);
    }
}
