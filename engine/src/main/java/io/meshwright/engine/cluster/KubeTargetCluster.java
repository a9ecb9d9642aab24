package io.meshwright.engine.cluster;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.engine.design.ServedKinds;
import io.meshwright.engine.lifecycle.ClusterWaitException;
import io.meshwright.engine.lifecycle.InventoryJournal;
import io.meshwright.engine.lifecycle.TargetCluster;
import io.meshwright.spi.deploy.ApplyException;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.event.EventSink;
import io.meshwright.spi.extension.ClusterApplier;
import io.meshwright.spi.model.Gvk;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The lifecycle's view of one Kubernetes cluster, over fabric8. */
public final class KubeTargetCluster implements TargetCluster, ServedKinds {

    private final KubernetesClient client;
    private final Discovery discovery;
    private final InventoryJournal journal;
    private final Clock clock;
    private final EventSink events;
    private final ApplierSettings settings;
    private final CrdWaiter crdWaiter;
    // One REST access (one derived HTTP client) for every applier of this cluster, rather than one per applier.
    private final KubeApi api;
    private final OrphanScanner scanner;

    public KubeTargetCluster(KubernetesClient client, InventoryJournal journal, Clock clock, EventSink events,
            ApplierSettings settings) {
        this.client = client;
        this.discovery = Discovery.of(client, clock);
        this.journal = journal;
        this.clock = clock;
        this.events = events;
        this.settings = settings;
        this.crdWaiter = new CrdWaiter(client, discovery, clock);
        this.api = ClusterAccess.api(client, settings.maxRetries(), settings.throttle());
        this.scanner = new OrphanScanner(client, discovery, settings.concurrency());
    }

    public Discovery discovery() {
        return discovery;
    }

    public KubernetesClient client() {
        return client;
    }

    @Override
    public String name() {
        return client.getMasterUrl().toString();
    }

    @Override
    public ClusterApplier applier(String deploymentId, boolean adoptExisting) {
        return new KubeClusterApplier(api, discovery, journal, deploymentId, clock, events,
                settings.withAdoptExisting(adoptExisting), Pause.SLEEP);
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
    public LabelScan labelled(String deploymentId) {
        OrphanScan scan = scanner.scan(deploymentId);
        return new LabelScan(scan.found().stream().map(LabelledObject::ref).toList(),
                scan.unscanned().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
    }

    @Override
    public ObjectCheck dryRun(String deploymentId, Map<String, Object> object, String partId) {
        KubeClusterApplier applier = new KubeClusterApplier(api, discovery, journal, deploymentId, clock, events,
                settings, Pause.SLEEP);
        try {
            DryRun result = applier.dryRun(object, partId);
            String verdict = result.wouldCreate() ? "create" : result.wouldChange() ? "change" : "unchanged";
            return new ObjectCheck(result.ref(), verdict, null);
        } catch (ApplyException e) {
            return new ObjectCheck(e.ref(), "refused", e.getMessage());
        }
    }

    @Override
    public boolean serves(Gvk gvk) {
        return discovery.serves(gvk);
    }

    @Override
    public Optional<Boolean> namespaced(Gvk gvk) {
        return discovery.namespaced(gvk);
    }
}
