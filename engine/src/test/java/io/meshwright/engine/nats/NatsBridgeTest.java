package io.meshwright.engine.nats;

import static io.meshwright.spi.event.Event.ClusterObjectChanged.Change.ADDED;
import static io.meshwright.spi.event.Event.ClusterObjectChanged.Change.DELETED;
import static io.meshwright.spi.event.Event.ClusterObjectChanged.Change.MODIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwright.engine.events.EventBus;
import io.meshwright.spi.deploy.DeploymentState;
import io.meshwright.spi.event.Event;
import io.meshwright.spi.model.Gvk;
import io.meshwright.testkit.NatsServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bridge against a real nats-server with JetStream on loopback. */
class NatsBridgeTest {

    @TempDir
    Path folder;

    private final ObjectMapper json = new ObjectMapper();
    private final List<AutoCloseable> open = new ArrayList<>();
    private NatsServer server;

    @BeforeEach
    void startServer() {
        server = NatsServer.start(folder.resolve("nats"));
    }

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
        server.close();
    }

    private NatsBridge bridge(EventBus bus, String publisher, boolean follow, SnapshotSource snapshots) {
        NatsBridge bridge = NatsBridge.start(NatsSettings.of(server.url(), publisher).withFollow(follow), bus, snapshots,
                Clock.systemUTC());
        open.add(bridge);
        return bridge;
    }

    private DurableReader reader(String durable, String filter) throws Exception {
        DurableReader reader = new DurableReader(server.url(), NatsSettings.DEFAULT_STREAM, durable, filter);
        open.add(reader);
        return reader;
    }

    private static void awaitStream(NatsBridge bridge) {
        await().atMost(Duration.ofSeconds(20)).until(() -> bridge.ready() && bridge.status().buffered() == 0);
    }

    private long streamMessages() {
        try (Connection client = Nats.connect(server.url())) {
            return client.jetStreamManagement().getStreamInfo(NatsSettings.DEFAULT_STREAM).getStreamState().getMsgCount();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void objectChangesAndLifecycleEventsGoToTheirSubjectsWithTheirFields() throws Exception {
        EventBus bus = new EventBus(Clock.systemUTC());
        NatsBridge bridge = bridge(bus, "engine-1", false, List::of);
        await().atMost(Duration.ofSeconds(20)).until(() -> bridge.status().connected());
        bus.publish(SyncEvents.change("prod.eu", new Gvk("apps.example.com", "v1beta1", "Widget"), "shop", "w1", 7, ADDED));
        bus.publish(SyncEvents.configMap("prod.eu", "cm", 3, DELETED));
        bus.publish(new Event.StateChanged("dep-1", DeploymentState.APPLYING, DeploymentState.DEPLOYED, null, Instant.now()));
        DurableReader reader = reader("fields", ">");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(reader.received()).hasSize(3));
        List<DurableReader.Received> got = reader.received();
        assertThat(got).extracting(DurableReader.Received::subject).containsExactly(
                "meshwright.sync.prod_eu.apps_example_com.v1beta1.Widget",
                "meshwright.sync.prod_eu.core.v1.ConfigMap",
                "meshwright.deployments.dep-1");
        assertThat(got).extracting(DurableReader.Received::msgId).startsWith("prod.eu/uid-w1/7", "prod.eu/uid-cm/3/DELETED");
        assertThat(got).extracting(DurableReader.Received::publisher).containsOnly("engine-1");
        JsonNode widget = json.readTree(got.get(0).body());
        assertThat(widget.path("type").asText()).isEqualTo("cluster.object");
        assertThat(widget.path("change").asText()).isEqualTo("ADDED");
        assertThat(widget.path("subject").asText()).isEqualTo("prod.eu");
        JsonNode object = widget.path("object");
        assertThat(object.path("cluster").asText()).isEqualTo("prod.eu");
        assertThat(object.path("gvk").path("group").asText()).isEqualTo("apps.example.com");
        assertThat(object.path("namespace").asText()).isEqualTo("shop");
        assertThat(object.path("uid").asText()).isEqualTo("uid-w1");
        assertThat(object.path("resourceVersion").asText()).isEqualTo("7");
        assertThat(object.path("state").asText()).isEqualTo("REGISTERED");
        assertThat(object.path("origin").asText()).isEqualTo("GREENFIELD");
        assertThat(object.path("deploymentId").asText()).isEqualTo("dep-1");
        assertThat(object.path("health").path("status").asText()).isEqualTo("HEALTHY");
        JsonNode state = json.readTree(got.get(2).body());
        assertThat(state.path("type").asText()).isEqualTo("deployment.state");
        assertThat(state.path("to").asText()).isEqualTo("DEPLOYED");
        assertThat(new EventCodec().decodeObjectChange(got.get(0).body().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(SyncEvents.change("prod.eu", new Gvk("apps.example.com", "v1beta1", "Widget"), "shop", "w1", 7, ADDED));
    }

    @Test
    void theSameObjectStateSentTwiceIsStoredOnce() throws Exception {
        EventBus bus = new EventBus(Clock.systemUTC());
        NatsBridge bridge = bridge(bus, "agent-1", false, List::of);
        bus.publish(SyncEvents.configMap("c1", "cm", 5, ADDED));
        // An agent restarted lists the object again at the same resource version: the same state, one message.
        bus.publish(SyncEvents.configMap("c1", "cm", 5, ADDED));
        bus.publish(SyncEvents.configMap("c1", "cm", 5, MODIFIED));
        bus.publish(SyncEvents.configMap("c1", "cm", 6, MODIFIED));
        awaitStream(bridge);
        DurableReader reader = reader("dedup", Subjects.SYNC_OBJECTS);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(bridge.status().published()).isEqualTo(4));
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(reader.received()).extracting(DurableReader.Received::msgId).containsExactly("c1/uid-cm/5", "c1/uid-cm/6"));
    }

    @org.junit.jupiter.api.RepeatedTest(3)
    void aDurableConsumerGetsEveryEventExactlyOnceAndTheStreamHoldsThemInOrderAcrossAServerKill() throws Exception {
        EventBus bus = new EventBus(Clock.systemUTC());
        NatsBridge bridge = bridge(bus, "engine-1", false, List::of);
        awaitStream(bridge);
        DurableReader reader = reader("survivor", Subjects.SYNC_OBJECTS);
        int total = 2_000;
        for (int i = 0; i < total; i++) {
            if (i == total / 2) {
                // Half is published (or on its way); the server dies with acks and deliveries in flight.
                server.kill();
                await().atMost(Duration.ofSeconds(10)).until(() -> !bridge.status().connected());
            }
            bus.publish(SyncEvents.configMap("c1", "cm-" + i, 1, ADDED));
        }
        assertThat(bridge.status().buffered()).as("buffered while NATS is down").isPositive();
        server.restart();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(reader.received())
                .as(() -> bridge.status() + ", stream holds " + streamMessages()).hasSize(total));
        // Each once, and in the stream in the order published. Arrival order may differ: a message the server had sent
        // when it died comes again only after the ack wait, behind later ones; its stream sequence places it (the
        // engine's follower applies a change only if it is later in the stream than the last one of its object).
        assertThat(reader.received()).extracting(DurableReader.Received::sequence).doesNotHaveDuplicates();
        assertThat(reader.received().stream().sorted(java.util.Comparator.comparingLong(DurableReader.Received::sequence)))
                .extracting(r -> json.readTree(r.body()).path("object").path("name").asText())
                .containsExactlyElementsOf(IntStream.range(0, total).mapToObj(i -> "cm-" + i).toList());
        assertThat(streamMessages()).isEqualTo(total);
        NatsStatus status = bridge.status();
        assertThat(status.reconnects()).isGreaterThanOrEqualTo(1);
        assertThat(status.buffered()).isZero();
        assertThat(status.dropped()).isZero();
        assertThat(status.published()).isEqualTo(total);
    }

    @Test
    void whileNatsIsDownTheOldestAreDroppedPastTheBoundAndTheRestGoOutInOrder() throws Exception {
        server.stop();
        EventBus bus = new EventBus(Clock.systemUTC());
        NatsBridge bridge = NatsBridge.start(NatsSettings.of(server.url(), "engine-1").withFollow(false).withBuffer(10), bus,
                List::of, Clock.systemUTC());
        open.add(bridge);
        for (int i = 0; i < 25; i++) {
            bus.publish(SyncEvents.configMap("c1", "cm-" + i, 1, ADDED));
        }
        NatsStatus down = bridge.status();
        assertThat(down.connected()).isFalse();
        assertThat(down.buffered()).isEqualTo(10);
        assertThat(down.dropped()).isEqualTo(15);

        server.restart();
        awaitStream(bridge);
        DurableReader reader = reader("after-outage", Subjects.SYNC_OBJECTS);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(reader.received()).hasSize(10));
        assertThat(reader.received()).extracting(r -> json.readTree(r.body()).path("object").path("name").asText())
                .containsExactlyElementsOf(IntStream.range(15, 25).mapToObj(i -> "cm-" + i).toList());
    }

    @Test
    void aSnapshotRequestIsAnsweredWithTheClustersCurrentObjectsPageByPage() throws Exception {
        EventBus bus = new EventBus(Clock.systemUTC());
        LatestObjects latest = new LatestObjects();
        bus.subscribe(e -> true, latest::accept);
        bridge(bus, "agent-1", false, latest);
        for (int i = 0; i < 5_000; i++) {
            bus.publish(SyncEvents.configMap("east.1", "cm-" + i, 1, ADDED));
        }
        bus.publish(SyncEvents.configMap("east.1", "cm-7", 2, DELETED));
        bus.publish(SyncEvents.configMap("west", "other", 1, ADDED));

        try (Connection client = Nats.connect(server.url())) {
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                    client.request(Subjects.snapshot("east.1"), new byte[0], Duration.ofSeconds(2)) != null);
            List<String> names = new ArrayList<>();
            Integer offset = 0;
            int pages = 0;
            while (offset != null) {
                byte[] request = json.writeValueAsBytes(java.util.Map.of("offset", offset));
                JsonNode page = json.readTree(client.request(Subjects.snapshot("east.1"), request, Duration.ofSeconds(5)).getData());
                assertThat(page.path("total").asInt()).isEqualTo(4_999);
                page.path("objects").forEach(o -> names.add(o.path("name").asText()));
                offset = page.path("next").isNull() ? null : page.path("next").asInt();
                pages++;
            }
            assertThat(pages).as("5,000 objects do not fit in one 1 MiB message").isGreaterThan(1);
            assertThat(names).hasSize(4_999).doesNotHaveDuplicates().doesNotContain("cm-7", "other");
        }
    }

    @Test
    void theEngineFollowsAnotherClusterWithoutEchoAndSkipsItsOwnMessages() throws Exception {
        EventBus engineBus = new EventBus(Clock.systemUTC());
        List<Event.ClusterObjectChanged> seenByEngine = new java.util.concurrent.CopyOnWriteArrayList<>();
        engineBus.subscribe(e -> e instanceof Event.ClusterObjectChanged, e -> seenByEngine.add((Event.ClusterObjectChanged) e));
        NatsBridge engine = bridge(engineBus, "engine-1", true, List::of);
        EventBus agentBus = new EventBus(Clock.systemUTC());
        NatsBridge agent = bridge(agentBus, "agent-east", false, List::of);
        awaitStream(engine);
        awaitStream(agent);

        engineBus.publish(SyncEvents.configMap("local", "mine", 1, ADDED));
        agentBus.publish(SyncEvents.configMap("east", "theirs", 1, ADDED));
        agentBus.publish(SyncEvents.configMap("east", "theirs", 2, MODIFIED));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(seenByEngine)
                .extracting(e -> e.object().name() + "@" + e.object().resourceVersion())
                .containsExactly("mine@1", "theirs@1", "theirs@2"));
        assertThat(seenByEngine.get(1)).isEqualTo(SyncEvents.configMap("east", "theirs", 1, ADDED));
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.status().received() == 2);
        // Nothing the engine received went back out: the stream holds the three changes once each. The two
        // publishers send independently, so only each one's own order is given in the stream.
        DurableReader reader = reader("echo-check", Subjects.SYNC_OBJECTS);
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(reader.received()).extracting(DurableReader.Received::msgId)
                        .containsExactlyInAnyOrder("local/uid-mine/1", "east/uid-theirs/1", "east/uid-theirs/2"));
        assertThat(reader.received()).extracting(DurableReader.Received::msgId).filteredOn(id -> id.startsWith("east/"))
                .containsExactly("east/uid-theirs/1", "east/uid-theirs/2");
        assertThat(engine.status().published()).isEqualTo(1);
        assertThat(seenByEngine).hasSize(3);
    }

    @Test
    void anotherPublishersChangesToTheEnginesOwnClusterAreNeitherFollowedNorInItsHistory() throws Exception {
        EventBus engineBus = new EventBus(Clock.systemUTC());
        List<Event.ClusterObjectChanged> seenByEngine = new java.util.concurrent.CopyOnWriteArrayList<>();
        engineBus.subscribe(e -> e instanceof Event.ClusterObjectChanged, e -> seenByEngine.add((Event.ClusterObjectChanged) e));
        NatsBridge engine = NatsBridge.start(NatsSettings.of(server.url(), "engine-1"), engineBus, List::of,
                java.util.function.UnaryOperator.identity(), java.util.Optional.of("local"), Clock.systemUTC());
        open.add(engine);
        // a second engine that also calls its cluster "local", and publishes another cluster too
        EventBus otherBus = new EventBus(Clock.systemUTC());
        NatsBridge other = bridge(otherBus, "engine-2", false, List::of);
        awaitStream(engine);
        awaitStream(other);

        engineBus.publish(SyncEvents.configMap("local", "mine", 1, ADDED));
        otherBus.publish(SyncEvents.configMap("local", "foreign", 1, ADDED));
        otherBus.publish(SyncEvents.configMap("east", "theirs", 1, ADDED));

        await().atMost(Duration.ofSeconds(20)).until(() -> engine.status().received() == 1);
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(seenByEngine)
                .extracting(e -> e.object().cluster() + "/" + e.object().name())
                .containsExactly("local/mine", "east/theirs"));
        awaitStream(other);
        assertThat(engine.lastChanges("local").values()).extracting(e -> e.object().name()).containsExactly("mine");
        assertThat(other.lastChanges("local").values()).extracting(e -> e.object().name()).containsExactly("foreign");
    }

    @Test
    void anExistingStreamKeepsItsOperatorsLimitsAndOnlyGetsTheSubjectsItLacks() throws Exception {
        try (Connection client = Nats.connect(server.url())) {
            client.jetStreamManagement().addStream(io.nats.client.api.StreamConfiguration.builder()
                    .name(NatsSettings.DEFAULT_STREAM).subjects("meshwright.deployments.>", "audit.>")
                    .storageType(io.nats.client.api.StorageType.Memory)
                    .maxAge(Duration.ofDays(7)).maxBytes(5L << 30).duplicateWindow(Duration.ofMinutes(2)).build());
        }
        NatsBridge engine = bridge(new EventBus(Clock.systemUTC()), "engine-1", false, List::of);
        awaitStream(engine);
        try (Connection client = Nats.connect(server.url())) {
            io.nats.client.api.StreamConfiguration kept = client.jetStreamManagement()
                    .getStreamInfo(NatsSettings.DEFAULT_STREAM).getConfiguration();
            assertThat(kept.getSubjects()).containsExactly("meshwright.deployments.>", "audit.>", Subjects.SYNC_OBJECTS);
            assertThat(kept.getStorageType()).isEqualTo(io.nats.client.api.StorageType.Memory);
            assertThat(kept.getMaxAge()).isEqualTo(Duration.ofDays(7));
            assertThat(kept.getMaxBytes()).isEqualTo(5L << 30);
            assertThat(kept.getDuplicateWindow()).isEqualTo(Duration.ofMinutes(2));
        }
    }

    @Test
    void aStreamSubjectCoversOursByNatsWildcards() {
        assertThat(StreamSetup.covers("meshwright.>", Subjects.SYNC_OBJECTS)).isTrue();
        assertThat(StreamSetup.covers("meshwright.deployments.>", Subjects.DEPLOYMENTS)).isTrue();
        assertThat(StreamSetup.covers("meshwright.deployments.*", Subjects.DEPLOYMENTS)).isTrue();
        assertThat(StreamSetup.covers("meshwright.sync.*.*.*.*", Subjects.SYNC_OBJECTS)).isTrue();
        assertThat(StreamSetup.covers("meshwright.sync.local.*.*.*", Subjects.SYNC_OBJECTS)).isFalse();
        assertThat(StreamSetup.covers("meshwright.sync.*.*.*", Subjects.SYNC_OBJECTS)).isFalse();
        assertThat(StreamSetup.covers("meshwright.deployments.*", "meshwright.deployments.>")).isFalse();
    }
}
