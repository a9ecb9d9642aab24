package io.meshwright.engine;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.engine.actions.DesignReader;
import io.meshwright.engine.actions.EngineContext;
import io.meshwright.engine.actions.ParsingDesignReader;
import io.meshwright.engine.cluster.ApplierSettings;
import io.meshwright.engine.cluster.ClusterModelGenerator;
import io.meshwright.engine.cluster.KubeClients;
import io.meshwright.engine.cluster.KubeTargetCluster;
import io.meshwright.engine.design.BuiltinKinds;
import io.meshwright.engine.design.DesignParser;
import io.meshwright.engine.design.DesignStore;
import io.meshwright.engine.design.ServedKinds;
import io.meshwright.engine.events.EventBus;
import io.meshwright.engine.lifecycle.DependencyInstaller;
import io.meshwright.engine.lifecycle.DeployOptions;
import io.meshwright.engine.lifecycle.DeployerSelector;
import io.meshwright.engine.lifecycle.Deployments;
import io.meshwright.engine.lifecycle.DeploymentStore;
import io.meshwright.engine.lifecycle.EngineDesignChecks;
import io.meshwright.engine.lifecycle.LifecycleService;
import io.meshwright.engine.fetch.UrlFetcher;
import io.meshwright.engine.inventory.CrashPoints;
import io.meshwright.engine.inventory.Inventory;
import io.meshwright.engine.lifecycle.ManifestDeployer;
import io.meshwright.engine.plan.KindOrder;
import io.meshwright.engine.plugins.PluginHost;
import io.meshwright.engine.store.Database;
import io.meshwright.spi.extension.RegistryView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import io.meshwright.spi.model.ModelBundle;

/**
 * The deploy/undeploy lifecycle wired to one target cluster: the kubeconfig's (or the usual lookup's) cluster,
 * the store's inventory journal, the registry, and the plugins' deployers. Part of the composition root.
 */
final class Lifecycle implements AutoCloseable {

    private static final String DEFAULT_NAMESPACE = "default";
    private static final int CONCURRENCY = 16;

    private final KubernetesClient client;
    private final io.meshwright.engine.cluster.ApiRetries retries;
    private final LifecycleService service;
    private final DesignReader designReader;
    private final EngineContext.Target target;
    private final ClusterModelGenerator clusterModels;
    private final Inventory inventory;

    private Lifecycle(KubernetesClient client, io.meshwright.engine.cluster.ApiRetries retries, LifecycleService service,
            DesignReader designReader, EngineContext.Target target, ClusterModelGenerator clusterModels, Inventory inventory) {
        this.inventory = inventory;
        this.client = client;
        this.retries = retries;
        this.service = service;
        this.designReader = designReader;
        this.target = target;
        this.clusterModels = clusterModels;
    }

    static Lifecycle wire(EngineConfig config, Database database, RegistryView registry, EventBus events,
            PluginHost plugins, Clock clock) {
        KubernetesClient client = KubeClients.create(kubeConfig(config));
        Inventory inventory = new Inventory(database, events, clock, crashPoints(config));
        KubeTargetCluster cluster = new KubeTargetCluster(client, clock, events,
                ApplierSettings.defaults().withDefaultNamespace(DEFAULT_NAMESPACE)
                        .withEngineId(io.meshwright.engine.lifecycle.EngineId.loadOrCreate(config.dataDir())));
        KindOrder kindOrder = KindOrder.defaults();
        BuiltinKinds builtins = BuiltinKinds.load();
        EngineDesignChecks checks = new EngineDesignChecks(registry, ServedKinds.of(cluster.view()), builtins, kindOrder,
                DEFAULT_NAMESPACE);
        DeployerSelector deployers = new DeployerSelector(plugins::deployers, List.of(new ManifestDeployer(CONCURRENCY)));
        LifecycleService service = new LifecycleService(new DeploymentStore(database, clock), inventory, cluster, checks,
                deployers, kindOrder, new DependencyInstaller(registry, new DesignParser(),
                        new UrlFetcher(UrlFetcher.Settings.defaults().withAllowPrivate(config.listener().allowPrivateUrls())),
                        config.listener().allowPrivateUrls()), events, clock,
                DEFAULT_NAMESPACE, CONCURRENCY);
        DeployOptions defaults = new DeployOptions(config.waitPolicy(), config.timeout(), false, false, CONCURRENCY);
        ClusterModelGenerator generator = new ClusterModelGenerator(client, cluster.discovery());
        EngineContext.Target target = new EngineContext.Target(checks, deployers, cluster, DEFAULT_NAMESPACE, defaults,
                new DesignStore(database, clock));
        return new Lifecycle(client, cluster.retries(), service, new ParsingDesignReader(new DesignParser()), target, generator,
                inventory);
    }

    /**
     * Crash points for the deployer contract's kill tests: armed only by the system properties
     * {@code meshwright.test.crashAt} (e.g. {@code after-write:2}) and {@code meshwright.test.crashMarker}.
     */
    private static CrashPoints crashPoints(EngineConfig config) {
        String spec = System.getProperty("meshwright.test.crashAt", "");
        String marker = System.getProperty("meshwright.test.crashMarker", "");
        return CrashPoints.parse(spec, marker.isEmpty() ? null : Path.of(marker));
    }

    /** The kubeconfig named in the configuration, else fabric8's usual lookup (KUBECONFIG, ~/.kube/config, in-cluster). */
    private static Config kubeConfig(EngineConfig config) {
        String context = config.kubeContext().orElse(null);
        if (config.kubeconfig().isEmpty()) {
            return Config.autoConfigure(context);
        }
        Path file = config.kubeconfig().get();
        try {
            return Config.fromKubeconfig(context, Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kubeconfig " + file + ": " + e.getMessage(), e);
        }
    }

    /** Calls to the API server sent again (after 429, 5xx or no answer) since the start. */
    io.meshwright.engine.cluster.ApiRetries retries() {
        return retries;
    }

    Deployments deployments() {
        return service;
    }

    /** The client of the target cluster (for the engine's status). */
    KubernetesClient client() {
        return client;
    }

    DesignReader designReader() {
        return designReader;
    }

    /** The target cluster as plan and validate see it, the deploy defaults and saved designs. */
    EngineContext.Target target() {
        return target;
    }

    /** The target cluster's models ({@code model generate --from cluster}). */
    List<ModelBundle> clusterModels() {
        return clusterModels.generate();
    }

    /** The models of the CRDs serving these {@code Kind.group}s ({@code model generate --from discovered}). */
    List<ModelBundle> crdModels(java.util.Set<String> groupKinds) {
        return clusterModels.crdModels(groupKinds);
    }

    /** Every deployment's inventory, read-only (the sync's greenfield test). */
    io.meshwright.engine.inventory.InventoryRecords inventory() {
        return inventory;
    }

    /** Finishes deployments a previous run left in the middle of a transition; never throws. */
    void resumeInterrupted() {
        try {
            service.resumeInterrupted();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Lifecycle.class).warn("resuming interrupted deployments failed: {}", e.toString());
        }
    }

    /**
     * The first step of a graceful stop: no new deploys or undeploys, running ones get until {@code timeout}, the
     * rest are recorded as interrupted. Returns their ids.
     */
    List<String> drain(java.time.Duration timeout) {
        return service.drain(timeout);
    }

    /** Closes the cluster client, then gives the work a drain gave up on a moment to notice and return. */
    @Override
    public void close() {
        client.close();
        service.awaitStopped(java.time.Duration.ofSeconds(5));
    }
}
