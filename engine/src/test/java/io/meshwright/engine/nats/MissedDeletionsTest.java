package io.meshwright.engine.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.meshwright.engine.agent.AgentSettings;
import io.meshwright.engine.agent.SyncAgent;
import io.meshwright.engine.sync.ClusterWatchTestFixtures;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.NatsServer;
import io.meshwright.testkit.RealCluster;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The missed-deletions check at a restart, against the local control plane and a real nats-server: custom resources
 * are watched only once the CRD informer has listed their CRDs and the informers were adjusted, so until then they
 * are not in the live view. They must not be taken for deleted, while an object of a kind listed from the start
 * (a ConfigMap deleted while the agent was down) still is.
 */
@RealCluster
class MissedDeletionsTest {

    @TempDir
    Path folder;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aCustomResourceOfACrdPresentAtStartIsNotPublishedAsDeletedOnRestartWhileADeletedConfigMapIs(ClusterHandle cluster)
            throws Exception {
        String namespace = cluster.createNamespace("missed-crd");
        String group = "missed" + System.nanoTime() % 100_000 + ".example.com";
        cluster.client().resource(ClusterWatchTestFixtures.crd(group)).create();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            cluster.client().genericKubernetesResources(group + "/v1", "Gizmo").inNamespace(namespace)
                    .resource(ClusterWatchTestFixtures.gizmo(group, "g1")).create();
            return true;
        });
        for (String name : List.of("gone", "stays")) {
            cluster.client().configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                    .withName(name).withNamespace(namespace).endMetadata().withData(Map.of("a", "1")).build()).create();
        }
        try (NatsServer nats = NatsServer.start(folder.resolve("nats"));
                DurableReader reader = new DurableReader(nats.url(), NatsSettings.DEFAULT_STREAM, "outside",
                        "meshwright.sync.east.*.*.*")) {
            AgentSettings settings = new AgentSettings(Optional.of(cluster.kubeconfig()), Optional.empty(), "east",
                    NatsSettings.of(nats.url(), "agent"));
            try (SyncAgent first = SyncAgent.start(settings, Clock.systemUTC())) {
                await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
                        assertThat(names(reader, namespace, "ADDED")).contains("g1", "gone", "stays"));
                await().atMost(Duration.ofMinutes(1)).until(() -> first.resumedDeletions() >= 0);
            }
            cluster.client().configMaps().inNamespace(namespace).withName("gone").delete();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    cluster.client().configMaps().inNamespace(namespace).withName("gone").get() == null);

            try (SyncAgent again = SyncAgent.start(settings, Clock.systemUTC())) {
                await().atMost(Duration.ofMinutes(2)).until(() -> again.resumedDeletions() >= 0);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(names(reader, namespace, "DELETED")).contains("gone"));
                Thread.sleep(2_000); // a wrong deletion of g1 would have been published with gone's
                assertThat(names(reader, namespace, "DELETED")).as("only the ConfigMap deleted meanwhile")
                        .containsExactly("gone");
                assertThat(again.resumedDeletions()).isEqualTo(1);
            }
        }
    }

    @Test
    void customResourcesWhoseCrdWentWhileTheAgentWasDownArePublishedAsDeleted(ClusterHandle cluster) throws Exception {
        String namespace = cluster.createNamespace("missed-gone-crd");
        String group = "gonecrd" + System.nanoTime() % 100_000 + ".example.com";
        var crd = cluster.client().resource(ClusterWatchTestFixtures.crd(group)).create();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            cluster.client().genericKubernetesResources(group + "/v1", "Gizmo").inNamespace(namespace)
                    .resource(ClusterWatchTestFixtures.gizmo(group, "g2")).create();
            return true;
        });
        try (NatsServer nats = NatsServer.start(folder.resolve("nats2"));
                DurableReader reader = new DurableReader(nats.url(), NatsSettings.DEFAULT_STREAM, "outside2",
                        "meshwright.sync.west.*.*.*")) {
            AgentSettings settings = new AgentSettings(Optional.of(cluster.kubeconfig()), Optional.empty(), "west",
                    NatsSettings.of(nats.url(), "agent"));
            try (SyncAgent first = SyncAgent.start(settings, Clock.systemUTC())) {
                await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
                        assertThat(names(reader, namespace, "ADDED")).contains("g2"));
                await().atMost(Duration.ofMinutes(1)).until(() -> first.resumedDeletions() >= 0);
            }
            cluster.client().resource(crd).delete();
            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.client().apiextensions().v1()
                    .customResourceDefinitions().withName(crd.getMetadata().getName()).get() == null);

            try (SyncAgent again = SyncAgent.start(settings, Clock.systemUTC())) {
                await().atMost(Duration.ofMinutes(2)).until(() -> again.resumedDeletions() >= 0);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(names(reader, namespace, "DELETED")).as("gone with its CRD").containsExactly("g2"));
            }
        }
    }

    /** Names of the objects of {@code namespace} whose {@code change} the stream holds, in stream order. */
    private List<String> names(DurableReader reader, String namespace, String change) {
        return reader.received().stream().map(r -> {
            try {
                return json.readTree(r.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(event -> event.path("change").asText().equals(change))
                .map(event -> event.path("object"))
                .filter(object -> object.path("namespace").asText().equals(namespace))
                .map(object -> object.path("name").asText()).toList();
    }
}
