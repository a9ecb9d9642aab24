package io.meshwright.engine.cluster;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.spi.deploy.ApplyException;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.event.EventSink;
import io.meshwright.spi.extension.ClusterView;
import io.meshwright.spi.model.Gvk;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The engine's view of one Kubernetes cluster, over fabric8. */
public final class KubeTargetCluster implements TargetCluster {

    private final KubernetesClient client;
    private final KubeApi api;
    private final Discovery discovery;
    private final CrdWaiter crdWaiter;
    // One REST access (one derived HTTP client) for every deployment on this cluster, rather than one each.
    private final KubeObjects objects;
    private final KubeClusterView view;
    private final LeftoverScanner scanner;
    private final NamespaceContents namespaces;
    private volatile String identity;

    public KubeTargetCluster(KubernetesClient client, Clock clock, EventSink events, ApplierSettings settings) {
        this.client = client;
        // One REST access, so that discovery and object I/O share the retry policy and its count.
        this.api = ClusterAccess.api(client, settings.retries(), clock, new ApiRetries());
        this.discovery = Discovery.over(api, clock);
        this.crdWaiter = new CrdWaiter(client, discovery, clock);
        this.objects = new KubeObjects(api, discovery, clock, events, settings, Pause.SLEEP);
        this.view = new KubeClusterView(api, discovery, objects, clock, settings.polling(), Pause.SLEEP,
                () -> ToolKubeconfig.render(client.getConfiguration()));
        this.scanner = new LeftoverScanner(api, discovery, settings.concurrency());
        this.namespaces = new NamespaceContents(api, discovery, settings.concurrency());
    }

    public Discovery discovery() {
        return discovery;
    }

    public KubernetesClient client() {
        return client;
    }

    /** How many calls to the API server were sent again (after 429, 5xx or no answer), by cause. */
    public ApiRetries retries() {
        return api.retries();
    }

    @Override
    public String name() {
        return client.getMasterUrl().toString();
    }

    @Override
    public String identity() {
        String known = identity;
        if (known == null) {
            known = api.getTree("/api/v1/namespaces/kube-system").flatMap(KubeObjects::uidOf)
                    .orElseThrow(() -> new ClusterUnavailableException("the cluster at " + name()
                            + " has no kube-system namespace to identify it by"));
            identity = known;
        }
        return known;
    }

    @Override
    public void refreshDiscovery() {
        discovery.refresh();
    }

    @Override
    public KubeObjects objects() {
        return objects;
    }

    @Override
    public ClusterView view() {
        return view;
    }

    @Override
    public void awaitEstablished(List<ResourceRef> crds, Duration timeout) {
        CrdWaiter.Result result = crdWaiter.await(crds.stream().map(ResourceRef::name).toList(), timeout);
        if (!result.allReady()) {
            throw new ClusterWaitException("CRD(s) not established after " + timeout.toSeconds() + " s: "
                    + result.notReady().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                    .collect(Collectors.joining(", ")));
        }
    }

    @Override
    public long countCustomResources(ResourceRef crd) {
        CustomResourceDefinition definition = client.apiextensions().v1().customResourceDefinitions()
                .withName(crd.name()).get();
        if (definition == null) {
            return 0;
        }
        // Every served version lists the same objects; one is enough.
        return definition.getSpec().getVersions().stream()
                .filter(CustomResourceDefinitionVersion::getServed)
                .findFirst()
                .map(version -> (long) client.genericKubernetesResources(
                                definition.getSpec().getGroup() + "/" + version.getName(),
                                definition.getSpec().getNames().getKind())
                        .inAnyNamespace().list().getItems().size())
                .orElse(0L);
    }

    @Override
    public List<ResourceRef> foreignObjects(String namespace, String deploymentId) {
        return namespaces.foreignObjects(namespace, deploymentId);
    }

    @Override
    public LabelScan labelled(String deploymentId) {
        return scanner.scan(deploymentId, objects.engineId());
    }

    @Override
    public LabelledScan labelledByAnyDeployment() {
        return scanner.scanAll();
    }

    @Override
    public ObjectCheck dryRun(String deploymentId, Map<String, Object> object, String partId) {
        try {
            DryRun result = objects.dryRun(object, deploymentId, partId);
            String verdict = result.wouldCreate() ? "create" : result.wouldChange() ? "change" : "unchanged";
            return new ObjectCheck(result.ref(), verdict, null);
        } catch (ApplyException e) {
            return new ObjectCheck(e.ref(), "refused", e.getMessage());
        }
    }

    @Override
    public Optional<String> refusal(String deploymentId, Map<String, Object> object, String partId) {
        try {
            objects.checkValid(object, deploymentId, partId);
            return Optional.empty();
        } catch (ApplyException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public boolean serves(Gvk gvk) {
        return discovery.serves(gvk);
    }

    /** Whether objects of {@code gvk} are namespaced; empty when the cluster does not serve it. */
    public Optional<Boolean> namespaced(Gvk gvk) {
        return discovery.namespaced(gvk);
    }
}
