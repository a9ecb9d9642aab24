package io.meshwright.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.engine.events.EventBus;
import io.meshwright.engine.events.EventJson;
import io.meshwright.spi.event.Event.ClusterObjectChanged;
import io.meshwright.spi.event.Event.ClusterObjectChanged.Change;
import io.meshwright.spi.extension.RegistrationResult;
import io.meshwright.spi.extension.RegistryView;
import io.meshwright.spi.model.ComponentDefinition;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.Model;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.ModelRef;
import io.meshwright.spi.model.RelationshipDefinition;
import io.meshwright.spi.sync.ClusterObject;
import io.meshwright.spi.sync.Health;
import io.meshwright.spi.sync.ObjectState;
import io.meshwright.spi.sync.Origin;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The watcher against the local control plane, with a registry whose known kinds the test decides and the label
 * origin (the agent's): objects found at start are ADDED, each is classified, Secret data never leaves, a CRD made
 * at run time brings its objects in, and a kind registered later moves its objects to REGISTERED.
 */
@RealCluster
class ClusterWatchTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final EventBus bus = new EventBus(Clock.systemUTC());
    private final List<ClusterObjectChanged> changes = new CopyOnWriteArrayList<>();
    private final Set<Gvk> registered = ConcurrentHashMap.newKeySet();

    @Test
    void objectsFoundAtStartAreAddedAndClassifiedByLabelAndStatus(ClusterHandle cluster) throws Exception {
        String namespace = cluster.createNamespace("watch-start");
        KubernetesClient client = cluster.client();
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName("found")
                .endMetadata().addToData("k", "v").build()).create();
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName("ours")
                .addToLabels(OriginLookup.DEPLOYMENT_LABEL, "dep-1").endMetadata().build()).create();
        registered.add(new Gvk("", "v1", "ConfigMap"));

        try (ClusterWatch watch = watch(client, SyncSettings.defaults().withBuiltInKinds(Set.of("ConfigMap", "Namespace")))) {
            watch.start();

            ClusterObject found = await().atMost(PATIENCE).until(() -> latest(namespace, "found"), Optional::isPresent).get();
            ClusterObject ours = await().atMost(PATIENCE).until(() -> latest(namespace, "ours"), Optional::isPresent).get();
            assertThat(change(namespace, "found")).isEqualTo(Change.ADDED);
            assertThat(found.cluster()).isEqualTo("test");
            assertThat(found.origin()).isEqualTo(Origin.BROWNFIELD);
            assertThat(found.deploymentId()).isNull();
            assertThat(found.health().status()).isEqualTo(Health.Status.HEALTHY);
            assertThat(found.state()).isEqualTo(ObjectState.CONNECTED); // registered and healthy
            assertThat(ours.origin()).isEqualTo(Origin.GREENFIELD);
            assertThat(ours.deploymentId()).isEqualTo("dep-1");
            ClusterObject namespaceObject = await().atMost(PATIENCE).until(() -> latest(null, namespace), Optional::isPresent).get();
            assertThat(namespaceObject.state()).isEqualTo(ObjectState.DISCOVERED); // Namespace is not registered here
            await().atMost(PATIENCE).until(watch::synced);
            assertThat(watch.informers()).isEqualTo(2);
            // The cache keeps ConfigMaps without their data (the sync never reads it; it can be 1 MiB each).
            assertThat(watch.cached("ConfigMap")).anySatisfy(c -> assertThat(c.getMetadata().getName()).isEqualTo("found"))
                    .allSatisfy(c -> assertThat(c.getAdditionalProperties()).doesNotContainKeys("data", "binaryData"));

            client.configMaps().inNamespace(namespace).withName("found").delete();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(change(namespace, "found")).isEqualTo(Change.DELETED));
        }
    }

    @Test
    void aSecretsDataIsNeverPublishedNorKept(ClusterHandle cluster) throws Exception {
        String namespace = cluster.createNamespace("watch-secret");
        KubernetesClient client = cluster.client();
        String value = "s3cr3t-watch-value";
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName("before")
                .addToAnnotations(SlimStore.LAST_APPLIED, "{\"stringData\":{\"password\":\"" + value + "\"}}").endMetadata()
                .addToStringData("password", value).build()).create();
        EventJson json = new EventJson();
        List<String> published = new CopyOnWriteArrayList<>();
        bus.subscribe(event -> true, event -> published.add(json.text(event)));

        try (ClusterWatch watch = watch(client, SyncSettings.defaults().withBuiltInKinds(Set.of("Secret")))) {
            watch.start();
            client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName("after").endMetadata()
                    .addToStringData("password", value).build()).create();
            client.secrets().inNamespace(namespace).withName("after").edit(s -> {
                s.getData().put("other", java.util.Base64.getEncoder().encodeToString(value.getBytes()));
                return s;
            });

            await().atMost(PATIENCE).until(() -> change(namespace, "after") == Change.MODIFIED && latest(namespace, "before").isPresent());
            String encoded = java.util.Base64.getEncoder().encodeToString(value.getBytes());
            assertThat(published).isNotEmpty().allSatisfy(text -> assertThat(text).doesNotContain(value).doesNotContain(encoded));
            // Nor kept: the informer's cache holds the Secrets without data and without the last-applied copy.
            assertThat(watch.objects()).isPositive();
            assertThat(cachedSecrets(watch)).isNotEmpty().allSatisfy(secret -> {
                assertThat(secret.getAdditionalProperties()).doesNotContainKeys("data", "stringData");
                assertThat(String.valueOf(secret)).doesNotContain(value).doesNotContain(encoded);
            });
        }
    }

    @Test
    void aCrdMadeAtRunTimeBringsItsObjectsWhichBecomeRegisteredWhenTheRegistryLearnsTheKind(ClusterHandle cluster) throws Exception {
        String namespace = cluster.createNamespace("watch-crd");
        KubernetesClient client = cluster.client();
        String group = "w" + Long.toHexString(System.nanoTime()) + ".syncwatch.example.com";
        try (ClusterWatch watch = watch(client, SyncSettings.defaults().withBuiltInKinds(Set.of("CustomResourceDefinition.apiextensions.k8s.io"))
                .withRegistryRecheck(Duration.ofMillis(300)))) {
            watch.start();
            client.resource(ClusterWatchTestFixtures.crd(group)).create();
            try {
                await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> client.genericKubernetesResources(group + "/v1", "Gizmo")
                        .inNamespace(namespace).resource(ClusterWatchTestFixtures.gizmo(group, "g1")).create());

                ClusterObject gizmo = await().atMost(PATIENCE).until(() -> latest(namespace, "g1"), Optional::isPresent).get();
                assertThat(gizmo.gvk()).isEqualTo(new Gvk(group, "v1", "Gizmo"));
                assertThat(gizmo.state()).isEqualTo(ObjectState.DISCOVERED);
                assertThat(watch.watchedKinds()).contains(new Gvk(group, "v1", "Gizmo"));
                // The cached CRD keeps what the watch reads (group, names, served versions) but not its schema.
                GenericKubernetesResource cachedCrd = watch.cached("CustomResourceDefinition.apiextensions.k8s.io")
                        .stream().filter(c -> c.getMetadata().getName().equals("gizmos." + group)).findFirst().orElseThrow();
                assertThat((String) cachedCrd.get("spec", "group")).isEqualTo(group);
                assertThat((String) cachedCrd.get("spec", "names", "kind")).isEqualTo("Gizmo");
                assertThat((Object) cachedCrd.get("spec", "versions", 0, "served")).isEqualTo(true);
                assertThat((Object) cachedCrd.get("spec", "versions", 0, "schema")).isNull();

                registered.add(new Gvk(group, "v1", "Gizmo"));
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(latest(namespace, "g1").orElseThrow().state())
                        .isEqualTo(ObjectState.CONNECTED)); // no Ready condition: healthy once it exists
            } finally {
                client.apiextensions().v1().customResourceDefinitions().withName("gizmos." + group).delete();
            }
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(watch.watchedKinds()).doesNotContain(new Gvk(group, "v1", "Gizmo")));
            assertThat(change(namespace, "g1")).isEqualTo(Change.DELETED);
        }
    }

    private ClusterWatch watch(KubernetesClient client, SyncSettings settings) {
        bus.subscribe(event -> event instanceof ClusterObjectChanged, event -> changes.add((ClusterObjectChanged) event));
        return ClusterWatch.create(client, "test", registry(), OriginLookup.label(), settings, bus);
    }

    private Optional<ClusterObject> latest(String namespace, String name) {
        for (int i = changes.size() - 1; i >= 0; i--) {
            ClusterObject object = changes.get(i).object();
            if (java.util.Objects.equals(namespace, object.namespace()) && name.equals(object.name())) {
                return changes.get(i).change() == Change.DELETED ? Optional.empty() : Optional.of(object);
            }
        }
        return Optional.empty();
    }

    private Change change(String namespace, String name) {
        for (int i = changes.size() - 1; i >= 0; i--) {
            ClusterObject object = changes.get(i).object();
            if (java.util.Objects.equals(namespace, object.namespace()) && name.equals(object.name())) {
                return changes.get(i).change();
            }
        }
        return null;
    }

    private static List<GenericKubernetesResource> cachedSecrets(ClusterWatch watch) {
        return watch.cached("Secret");
    }

    private RegistryView registry() {
        return new RegistryView() {
            @Override
            public Optional<Model> model(ModelRef ref) {
                return Optional.empty();
            }

            @Override
            public List<ComponentDefinition> components(Gvk gvk, Optional<ModelRef> model) {
                return registered.contains(gvk) ? List.of(new ComponentDefinition(new ModelRef("test", "1.0.0"), "v1.0.0", gvk,
                        true, gvk.kind(), Map.of(), List.of())) : List.of();
            }

            @Override
            public List<RelationshipDefinition> relationshipsFor(String kind) {
                return List.of();
            }

            @Override
            public RegistrationResult register(ModelBundle bundle, String registrant) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
