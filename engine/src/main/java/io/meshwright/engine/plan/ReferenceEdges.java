package io.meshwright.engine.plan;

import io.meshwright.engine.design.CrdDeclarations;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Finds what an object refers to among the other objects of the design, through indexes (no pairwise matching):
 * a custom resource needs its CRD, a namespaced object its Namespace, a workload the ConfigMaps, Secrets,
 * ServiceAccount, PriorityClass and claims it mounts or names, a (Cluster)RoleBinding its (Cluster)Role, a claim its
 * volume and StorageClass. A Service refers to nothing (its selector matches pods, which need not exist first).
 */
final class ReferenceEdges {

    private final List<PlanNode> nodes;
    private final Map<String, Integer> byKey = new HashMap<>();
    private final Map<String, Integer> byComponentId = new HashMap<>();
    private final CrdDeclarations crds;

    ReferenceEdges(List<PlanNode> nodes, CrdDeclarations crds) {
        this.nodes = nodes;
        this.crds = crds;
        for (PlanNode node : nodes) {
            byKey.putIfAbsent(node.key(), node.index());
            byComponentId.put(node.component().id(), node.index());
        }
    }

    /** Calls {@code edge.accept(dependent, dependency)} for every reference found. */
    void find(BiConsumer<Integer, Integer> edge) {
        for (PlanNode node : nodes) {
            Refs refs = new Refs(node, edge);
            crds.forKind(node.ref().gvk())
                    .map(crd -> byComponentId.get(crd.component().id()))
                    .ifPresent(crd -> edge.accept(node.index(), crd));
            if (node.ref().namespace() != null) {
                refs.to("Namespace", null, node.ref().namespace());
            }
            Map<?, ?> spec = map(node.object().get("spec"));
            switch (node.ref().gvk().groupKind()) {
                case "Pod" -> podSpec(refs, spec);
                case "Deployment.apps", "StatefulSet.apps", "DaemonSet.apps", "ReplicaSet.apps", "Job.batch",
                     "ReplicationController" -> podSpec(refs, map(map(spec.get("template")).get("spec")));
                case "CronJob.batch" -> podSpec(refs, map(map(map(map(spec.get("jobTemplate")).get("spec"))
                        .get("template")).get("spec")));
                case "RoleBinding.rbac.authorization.k8s.io", "ClusterRoleBinding.rbac.authorization.k8s.io" ->
                        roleRef(refs, map(node.object().get("roleRef")));
                case "PersistentVolumeClaim" -> {
                    refs.to("PersistentVolume", null, spec.get("volumeName"));
                    refs.to("StorageClass.storage.k8s.io", null, spec.get("storageClassName"));
                }
                default -> { }
            }
        }
    }

    private static void podSpec(Refs refs, Map<?, ?> pod) {
        String namespace = refs.node.ref().namespace();
        refs.to("ServiceAccount", namespace, pod.get("serviceAccountName"));
        refs.to("ServiceAccount", namespace, pod.get("serviceAccount"));
        refs.to("PriorityClass.scheduling.k8s.io", null, pod.get("priorityClassName"));
        for (Object secret : list(pod.get("imagePullSecrets"))) {
            refs.to("Secret", namespace, map(secret).get("name"));
        }
        for (Object volume : list(pod.get("volumes"))) {
            Map<?, ?> v = map(volume);
            refs.to("ConfigMap", namespace, map(v.get("configMap")).get("name"));
            refs.to("Secret", namespace, map(v.get("secret")).get("secretName"));
            refs.to("PersistentVolumeClaim", namespace, map(v.get("persistentVolumeClaim")).get("claimName"));
            for (Object source : list(map(v.get("projected")).get("sources"))) {
                refs.to("ConfigMap", namespace, map(map(source).get("configMap")).get("name"));
                refs.to("Secret", namespace, map(map(source).get("secret")).get("name"));
            }
        }
        for (String field : List.of("containers", "initContainers", "ephemeralContainers")) {
            for (Object container : list(pod.get(field))) {
                Map<?, ?> c = map(container);
                for (Object from : list(c.get("envFrom"))) {
                    refs.to("ConfigMap", namespace, map(map(from).get("configMapRef")).get("name"));
                    refs.to("Secret", namespace, map(map(from).get("secretRef")).get("name"));
                }
                for (Object env : list(c.get("env"))) {
                    Map<?, ?> valueFrom = map(map(env).get("valueFrom"));
                    refs.to("ConfigMap", namespace, map(valueFrom.get("configMapKeyRef")).get("name"));
                    refs.to("Secret", namespace, map(valueFrom.get("secretKeyRef")).get("name"));
                }
            }
        }
    }

    private static void roleRef(Refs refs, Map<?, ?> roleRef) {
        Object kind = roleRef.get("kind");
        if ("Role".equals(kind)) {
            refs.to("Role.rbac.authorization.k8s.io", refs.node.ref().namespace(), roleRef.get("name"));
        } else if ("ClusterRole".equals(kind)) {
            refs.to("ClusterRole.rbac.authorization.k8s.io", null, roleRef.get("name"));
        }
    }

    /** Reports edges from one node to objects found by kind, namespace and name. */
    private final class Refs {
        final PlanNode node;
        final BiConsumer<Integer, Integer> edge;

        Refs(PlanNode node, BiConsumer<Integer, Integer> edge) {
            this.node = node;
            this.edge = edge;
        }

        void to(String groupKind, String namespace, Object name) {
            if (name instanceof String text && !text.isBlank()) {
                Integer target = byKey.get(PlanNode.key(groupKind, namespace, text));
                if (target != null) {
                    edge.accept(node.index(), target);
                }
            }
        }
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }
}
