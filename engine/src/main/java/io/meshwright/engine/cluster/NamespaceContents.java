package io.meshwright.engine.cluster;

import io.meshwright.spi.deploy.ResourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What lives in a namespace that a deployment did not put there: every namespaced kind the cluster serves is
 * listed (metadata only) in the namespace, and objects are reported unless they carry the deployment's label
 * or were made by the cluster itself (objects owned by another object, the {@code default} service account and
 * its token, the root CA config map, events, endpoints). Deleting a namespace deletes all of them, so
 * undeploy keeps a namespace that holds any.
 */
final class NamespaceContents {

    private static final Set<String> CLUSTER_MADE_KINDS = Set.of("Event", "Event.events.k8s.io", "Endpoints",
            "EndpointSlice.discovery.k8s.io", "ControllerRevision.apps", "Lease.coordination.k8s.io");

    private final KubeApi api;
    private final Discovery discovery;
    private final int concurrency;

    NamespaceContents(KubeApi api, Discovery discovery, int concurrency) {
        this.api = api;
        this.discovery = discovery;
        this.concurrency = concurrency;
    }

    /**
     * Objects in {@code namespace} not labelled for {@code deploymentId} and not made by the cluster.
     *
     * @throws ClusterUnavailableException when a kind could not be listed: what it holds is unknown
     */
    List<ResourceRef> foreignObjects(String namespace, String deploymentId) {
        // Kinds added since the last look (a CRD), or whose API is down, may hold objects too.
        discovery.refresh();
        if (!discovery.unavailable().isEmpty()) {
            throw new ClusterUnavailableException("some APIs cannot be listed (" + discovery.unavailable().keySet()
                    + "), so what else lives in namespace " + namespace + " is unknown");
        }
        List<ServedResource> kinds = discovery.preferredResources().stream()
                .filter(ServedResource::namespaced)
                .filter(r -> r.supports("list"))
                .filter(r -> !CLUSTER_MADE_KINDS.contains(r.gvk().groupKind()))
                .toList();
        ConcurrentLinkedQueue<ResourceRef> found = new ConcurrentLinkedQueue<>();
        Map<String, String> failed = new ConcurrentHashMap<>();
        Bounded.forEach(kinds, concurrency, resource -> {
            String path = resource.collectionPath(namespace);
            ApiResponse response = api.get(path, KubeApi.METADATA_LIST);
            if (response.notFound()) {
                return;
            }
            if (!response.ok()) {
                failed.put(resource.gvk().toString(), api.failure("GET", path, response).getMessage());
                return;
            }
            for (Map<String, Object> item : ObjectTree.maps(api.parse(response.body()), "items")) {
                if (!madeByCluster(resource, item) && !deploymentId.equals(
                        ObjectTree.string(item, "metadata", "labels", ApplyPreparation.DEPLOYMENT_LABEL).orElse(null))) {
                    found.add(new ResourceRef(resource.gvk(), namespace,
                            ObjectTree.string(item, "metadata", "name").orElse("")));
                }
            }
        });
        if (!failed.isEmpty()) {
            throw new ClusterUnavailableException("could not list everything in namespace " + namespace + ": " + failed);
        }
        return new ArrayList<>(found);
    }

    private static boolean madeByCluster(ServedResource resource, Map<String, Object> item) {
        if (!ObjectTree.maps(item, "metadata", "ownerReferences").isEmpty()) {
            return true;
        }
        String kind = resource.gvk().groupKind();
        String name = ObjectTree.string(item, "metadata", "name").orElse("");
        return kind.equals("ServiceAccount") && name.equals("default")
                || kind.equals("ConfigMap") && name.equals("kube-root-ca.crt")
                || kind.equals("Secret") && ObjectTree.string(item, "metadata", "annotations",
                        "kubernetes.io/service-account.name").isPresent();
    }
}
