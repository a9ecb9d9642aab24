package io.meshwright.testbed.bench;

import io.meshwright.engine.events.EventBus;
import io.meshwright.engine.nats.DurablePull;
import io.meshwright.engine.nats.EventCodec;
import io.meshwright.engine.nats.LatestObjects;
import io.meshwright.engine.nats.NatsBridge;
import io.meshwright.engine.nats.NatsSettings;
import io.meshwright.engine.nats.Subjects;
import io.meshwright.spi.event.Event;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.sync.ClusterObject;
import io.meshwright.spi.sync.Health;
import io.meshwright.spi.sync.ObjectState;
import io.meshwright.spi.sync.Origin;
import io.meshwright.testkit.NatsServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A consumer's replay after a reconnect: 10,000 object changes (as a sync publishes them: 50 kinds' worth of
 * objects in 100 namespaces, with labels and health) are published to a real nats-server with JetStream while a
 * durable consumer is away; the consumer then connects again and reads, decodes and applies all of them to its view
 * keyed by object, acknowledging each. Measured from the new connection to the last change applied; the same
 * durable consumer is replayed from the start with a fresh name each run. Target (issue #16): under 2 s.
 *
 * <p>Run: {@code testbed/bench nats [runs]} (default 5 runs; needs {@code nats-server} on the PATH or in /usr/sbin).
 */
public final class NatsReplayBenchmark {

    private static final int EVENTS = 10_000;

    private NatsReplayBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path folder = Files.createTempDirectory("meshwright-nats-bench");
        try (NatsServer server = NatsServer.start(folder)) {
            publish(server.url());
            List<Long> millis = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                String durable = "replay-" + run;
                // The consumer exists (it was following) and then went away before the events came.
                try (Connection first = connect(server.url())) {
                    first.getStreamContext(NatsSettings.DEFAULT_STREAM).createOrUpdateConsumer(configuration(durable));
                }
                millis.add(replay(server.url(), durable));
            }
            Collections.sort(millis);
            System.out.printf(Locale.ROOT, "replay of %,d events after reconnect, %d runs: median %d ms, min %d ms, max %d ms"
                    + " (target < 2000 ms); nats-server %s%n", EVENTS, runs, millis.get(millis.size() / 2), millis.getFirst(),
                    millis.getLast(), server.url());
        }
    }

    /** Publishes the events through the engine's own bridge and waits until JetStream acknowledged all of them. */
    private static void publish(String url) throws InterruptedException {
        EventBus bus = new EventBus(Clock.systemUTC());
        try (NatsBridge bridge = NatsBridge.start(NatsSettings.of(url, "bench").withFollow(false).withBuffer(EVENTS), bus,
                List::of, Clock.systemUTC())) {
            long start = System.nanoTime();
            for (int i = 0; i < EVENTS; i++) {
                bus.publish(change(i));
            }
            while (bridge.status().published() < EVENTS) {
                Thread.sleep(10);
            }
            System.out.printf(Locale.ROOT, "published %,d events in %d ms (acknowledged by JetStream)%n", EVENTS,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
    }

    private static long replay(String url, String durable) throws Exception {
        EventCodec codec = new EventCodec();
        LatestObjects view = new LatestObjects();
        CountDownLatch done = new CountDownLatch(EVENTS);
        long start = System.nanoTime();
        try (Connection connection = connect(url);
                DurablePull pull = DurablePull.start(connection, NatsSettings.DEFAULT_STREAM, configuration(durable), message -> {
                    view.accept(codec.decodeObjectChange(message.getData()));
                    message.ack();
                    done.countDown();
                })) {
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("replayed only " + (EVENTS - done.getCount()) + " of " + EVENTS);
            }
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (view.objects().size() != EVENTS) {
                throw new IllegalStateException("the view holds " + view.objects().size() + " objects, not " + EVENTS);
            }
            return elapsed;
        }
    }

    private static ConsumerConfiguration configuration(String durable) {
        return ConsumerConfiguration.builder().durable(durable).filterSubject(Subjects.SYNC_OBJECTS)
                .deliverPolicy(DeliverPolicy.All).ackPolicy(AckPolicy.Explicit).build();
    }

    private static Connection connect(String url) throws Exception {
        return Nats.connect(Options.builder().server(url).maxReconnects(-1).reconnectWait(Duration.ofMillis(200)).build());
    }

    private static Event.ClusterObjectChanged change(int i) {
        Gvk gvk = new Gvk(i % 5 == 0 ? "" : "apps", "v1", "Kind" + (i % 50));
        ClusterObject object = new ClusterObject("bench", gvk, "ns-" + (i % 100), "object-" + i, "uid-" + i,
                Integer.toString(1000 + i), Map.of("app", "bench-" + (i % 10), "meshwright.io/deployment", "dep-" + (i % 7)),
                ObjectState.REGISTERED, Origin.GREENFIELD, "dep-" + (i % 7), new Health(Health.Status.HEALTHY, "ready", "status"));
        return new Event.ClusterObjectChanged("bench", Event.ClusterObjectChanged.Change.ADDED, object,
                java.time.Instant.parse("2026-11-30T07:00:00Z"));
    }
}
