package io.meshwright.engine.cluster;

import io.meshwright.spi.deploy.Readiness;
import java.util.Map;

/**
 * Whether a live object is ready, by its kind's rule: Deployment, StatefulSet and DaemonSet rollouts, Job
 * completion, PersistentVolumeClaim binding, CustomResourceDefinition establishment, Service addresses,
 * Namespace phase, and otherwise a generic {@code Ready} condition (objects without one are ready once they
 * exist). Each judgement carries a sentence a user understands, such as "waiting for 2/3 replicas".
 */
public final class ReadinessRules {

    private static final ReadinessRule FALLBACK = new ReadyConditionReadiness();

    private final Map<String, ReadinessRule> byGroupKind = Map.of(
            "Deployment.apps", new DeploymentReadiness(),
            "StatefulSet.apps", new StatefulSetReadiness(),
            "DaemonSet.apps", new DaemonSetReadiness(),
            "Job.batch", new JobReadiness(),
            "PersistentVolumeClaim", new PersistentVolumeClaimReadiness(),
            "CustomResourceDefinition.apiextensions.k8s.io", new CustomResourceDefinitionReadiness(),
            "Service", new ServiceReadiness(),
            "Namespace", new NamespaceReadiness());

    /** Judges {@code object}, a live object with {@code apiVersion}, {@code kind}, metadata and status. */
    public Readiness judge(Map<String, Object> object) {
        if (ObjectTree.at(object, "metadata", "deletionTimestamp").isPresent()) {
            return Readiness.waiting("being deleted");
        }
        String apiVersion = ObjectTree.string(object, "apiVersion").orElse("v1");
        String kind = ObjectTree.string(object, "kind").orElse("");
        int slash = apiVersion.indexOf('/');
        String groupKind = slash < 0 ? kind : kind + "." + apiVersion.substring(0, slash);
        return byGroupKind.getOrDefault(groupKind, FALLBACK).judge(object);
    }
}
