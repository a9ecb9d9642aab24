package io.meshwright.testbed.bench;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.meshwright.engine.Engine;
import io.meshwright.engine.EngineConfig;
import io.meshwright.engine.events.EventBus;
import io.meshwright.engine.lifecycle.WaitPolicy;
import io.meshwright.engine.nats.DurablePull;
import io.meshwright.engine.nats.EventCodec;
import io.meshwright.engine.nats.NatsSettings;
import io.meshwright.engine.nats.Subjects;
import io.meshwright.engine.sync.ClusterObjectIndex;
import io.meshwright.engine.sync.ClusterWatch;
import io.meshwright.engine.sync.OriginLookup;
import io.meshwright.engine.sync.SyncSettings;
import io.meshwright.spi.event.Event;
import io.meshwright.spi.event.EventSink;
import io.meshwright.spi.extension.RegistrationResult;
import io.meshwright.spi.extension.RegistryView;
import io.meshwright.spi.model.ComponentDefinition;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.Model;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.ModelRef;
import io.meshwright.spi.model.RelationshipDefinition;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.NatsServer;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * The sync with 10,000 objects watched (ConfigMaps in one namespace, a few labels each):
 * <ol>
 *   <li>heap: a plain fabric8 informer on them (fabric8's own cache, the reference), then the sync's
 *       {@link ClusterWatch} (its slimmed cache and per-object memory) and its {@link ClusterObjectIndex}, each measured
 *       after full GCs, so "beyond fabric8's informer cache" = watch + index − plain informer;</li>
 *   <li>latency: a real engine (in this JVM: inventory and registry lookups included) follows its own cluster and
 *       publishes to a real nats-server with JetStream ({@code serve --nats}, testkit's {@link NatsServer}); 1,000
 *       changes, one at a time, each timed from the API server's answer to the patch (and from the request) to the
 *       {@code cluster.object} MODIFIED event on the engine's bus, to a core NATS subscriber on
 *       {@code meshwright.sync.>}, and to a JetStream consumer of the stream (which JetStream delivers only once stored,
 *       i.e. once it acknowledged the engine's publish).</li>
 * </ol>
 * Run: {@code testbed/bench sync [objects] [changes]} (local control plane, or {@code MESHWRIGHT_KUBECONFIG}; needs
 * {@code nats-server} on the PATH or in /usr/sbin).
 */
public final class SyncBenchmark {

    private SyncBenchmark() {}

    public static void main(String[] args) throws Exception {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int changes = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        try (ClusterHandle cluster = ClusterHandle.obtain()) {
            KubernetesClient client = cluster.client();
            String namespace = cluster.createNamespace("syncbench");
            long created = time(() -> create(client, namespace, objects));
            System.out.printf(Locale.ROOT, "cluster %s, %,d ConfigMaps created in %s in %.1f s%n", cluster.serverVersion(), objects,
                    namespace, created / 1e3);
            int present = client.configMaps().inNamespace(namespace).list().getItems().size();
            int all = client.configMaps().inAnyNamespace().list().getItems().size();

            long base = usedHeap();
            long plain = heapOf(() -> plainInformer(client), base, () -> true);
            long watch;
            long watchAndIndex;
            EventSink discard = discardingSink();
            try (ClusterWatch w = ClusterWatch.create(client, "bench", emptyRegistry(), OriginLookup.label(), configMapsOnly(), discard)) {
                w.start();
                waitFor(() -> w.synced() && w.objects() >= all);
                watch = usedHeap() - base;
            }
            EventBus bus = new EventBus(Clock.systemUTC());
            try (ClusterObjectIndex index = ClusterObjectIndex.following(bus);
                 ClusterWatch w = ClusterWatch.create(client, "bench", emptyRegistry(), OriginLookup.label(), configMapsOnly(), bus)) {
                w.start();
                waitFor(() -> w.synced() && index.size() >= all);
                watchAndIndex = usedHeap() - base;
            }
            System.out.printf(Locale.ROOT, "%n%,d ConfigMaps watched (%,d in the benchmark's namespace), heap after full GC:%n", all, present);
            System.out.printf(Locale.ROOT, "| what | heap | per object |%n|---|---|---|%n");
            row("plain fabric8 informer (its cache)", plain, all);
            row("sync ClusterWatch (slimmed cache + per-object code)", watch, all);
            row("sync ClusterWatch + ClusterObjectIndex", watchAndIndex, all);
            row("beyond fabric8's informer cache (watch + index − plain informer)", watchAndIndex - plain, all);

            latency(cluster, client, namespace, Math.min(changes, present));
            client.namespaces().withName(namespace).delete();
        }
    }

    private static SyncSettings configMapsOnly() {
        return new SyncSettings(Set.of("ConfigMap"), false, Duration.ofMillis(1500), Duration.ofMinutes(10));
    }

    private static void latency(ClusterHandle cluster, KubernetesClient client, String namespace, int changes) throws Exception {
        Map<String, Long> onBus = new ConcurrentHashMap<>();
        Map<String, Long> onCore = new ConcurrentHashMap<>();
        Map<String, Long> fromStream = new ConcurrentHashMap<>();
        java.nio.file.Path data = Files.createTempDirectory("syncbench-engine");
        EngineConfig config = new EngineConfig("127.0.0.1", 0, 0, data, Optional.empty(), Optional.of(cluster.kubeconfig()),
                Optional.empty(), WaitPolicy.APPLIED, Duration.ofMinutes(1));
        EventCodec codec = new EventCodec();
        // Only this benchmark's ConfigMaps count: the engine also publishes the control plane's own changes.
        try (NatsServer nats = NatsServer.start(Files.createTempDirectory("syncbench-nats"));
             Engine engine = Engine.start(config, Clock.systemUTC(), Optional.of(NatsSettings.of(nats.url(), "syncbench")));
             Connection reader = Nats.connect(Options.builder().server(nats.url()).build())) {
            engine.events().subscribe(e -> e instanceof Event.ClusterObjectChanged c && c.change() != Event.ClusterObjectChanged.Change.DELETED
                    && namespace.equals(c.object().namespace()), e -> onBus.put(((Event.ClusterObjectChanged) e).object().resourceVersion(), System.nanoTime()));
            // Core NATS sees the publish as the server routes it; the JetStream consumer only once the stream stored it
            // (JetStream acknowledges the publish after storing, so this is the acknowledgement plus one delivery).
            Dispatcher dispatcher = reader.createDispatcher(message -> mark(codec, message, namespace, onCore));
            dispatcher.subscribe("meshwright.sync.>");
            ConsumerConfiguration consumer = ConsumerConfiguration.builder().durable("syncbench").filterSubject(Subjects.SYNC_OBJECTS)
                    .deliverPolicy(DeliverPolicy.New).ackPolicy(AckPolicy.None).build();
            // The initial list of 10,000 objects, and their publishing, must be over: a change made while the informer
            // still lists arrives as ADDED with its new resourceVersion (which is why ADDED counts too), and behind a
            // backlog of thousands of publishes.
            waitFor(() -> engine.sync().status().synced() && engine.sync().index().size() >= changes
                    && engine.nats().orElseThrow().status().connected() && engine.nats().orElseThrow().status().published() >= changes
                    && engine.nats().orElseThrow().status().buffered() == 0);
            try (DurablePull pull = DurablePull.start(reader, NatsSettings.DEFAULT_STREAM, consumer,
                    message -> mark(codec, message, namespace, fromStream))) {
                Thread.sleep(2_000); // the consumer exists before the first change
                double[][] fromAnswer = new double[3][changes];
                double[][] fromRequest = new double[3][changes];
                List<Map<String, Long>> arrivals = List.of(onBus, onCore, fromStream);
                String[] targets = {"cluster.object event on the engine's bus", "core NATS subscriber on meshwright.sync.>",
                    "JetStream consumer (stored and acknowledged by JetStream, then delivered)"};
                for (int i = 0; i < changes; i++) {
                    String name = "cm-" + i;
                    long sent = System.nanoTime();
                    ConfigMap after = client.configMaps().inNamespace(namespace).withName(name)
                            .edit(cm -> new ConfigMapBuilder(cm).addToData("changed", Long.toString(sent)).build());
                    long answered = System.nanoTime();
                    String version = after.getMetadata().getResourceVersion();
                    for (int where = 0; where < 3; where++) {
                        Map<String, Long> seen = arrivals.get(where);
                        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                        while (!seen.containsKey(version)) {
                            if (System.nanoTime() > deadline) {
                                throw new IllegalStateException("change " + i + " (" + name + ", resourceVersion " + version
                                        + ") did not reach the " + targets[where] + " within 30 s; it saw " + seen.size()
                                        + " changes; bridge: " + engine.nats().orElseThrow().status());
                            }
                            Thread.sleep(0, 200_000);
                        }
                        fromAnswer[where][i] = (seen.get(version) - answered) / 1e6;
                        fromRequest[where][i] = (seen.get(version) - sent) / 1e6;
                    }
                }
                System.out.printf(Locale.ROOT, "%n%,d changes, one at a time, API change → …, nats-server %s (JetStream, file store):%n",
                        changes, nats.url());
                System.out.printf(Locale.ROOT, "| to | measured from | p50 | p99 | max |%n|---|---|---|---|---|%n");
                for (int where = 0; where < 3; where++) {
                    Arrays.sort(fromAnswer[where]);
                    Arrays.sort(fromRequest[where]);
                    printRow(targets[where], "the API server's answer to the patch", fromAnswer[where]);
                    printRow(targets[where], "sending the patch", fromRequest[where]);
                }
                System.out.printf(Locale.ROOT, "bridge: %s%n", engine.nats().orElseThrow().status());
            }
        }
    }

    private static void printRow(String to, String from, double[] sorted) {
        System.out.printf(Locale.ROOT, "| %s | %s | %.1f ms | %.1f ms | %.1f ms |%n", to, from, percentile(sorted, 50),
                percentile(sorted, 99), sorted[sorted.length - 1]);
    }

    /** Notes when a (non-deleted) ConfigMap of the benchmark's namespace arrived, by its resourceVersion. */
    private static void mark(EventCodec codec, Message message, String namespace, Map<String, Long> seen) {
        long now = System.nanoTime();
        if (!message.getSubject().endsWith(".core.v1.ConfigMap")) {
            return;
        }
        Event.ClusterObjectChanged change = codec.decodeObjectChange(message.getData());
        if (change.change() != Event.ClusterObjectChanged.Change.DELETED && namespace.equals(change.object().namespace())) {
            seen.putIfAbsent(change.object().resourceVersion(), now);
        }
    }

    private static AutoCloseable plainInformer(KubernetesClient client) {
        ResourceDefinitionContext context = new ResourceDefinitionContext.Builder().withGroup("").withVersion("v1")
                .withKind("ConfigMap").withPlural("configmaps").withNamespaced(true).build();
        SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(context).inAnyNamespace()
                .withLimit(500L).inform();
        waitFor(informer::hasSynced);
        return informer;
    }

    private interface Started {
        AutoCloseable start() throws Exception;
    }

    private static long heapOf(Started started, long base, BooleanSupplier ready) throws Exception {
        try (AutoCloseable running = started.start()) {
            waitFor(ready);
            return usedHeap() - base;
        }
    }

    private static void create(KubernetesClient client, String namespace, int count) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            List<Future<?>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = "cm-" + i;
                pending.add(pool.submit(() -> client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                        .withNewMetadata().withName(name).addToLabels("app", "bench").addToLabels("tier", "t" + (name.hashCode() & 7))
                        .endMetadata().addToData("key", "value-" + name).build()).create()));
            }
            for (Future<?> future : pending) {
                future.get();
            }
        }
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the benchmark waited 5 minutes for the watch");
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(0, 200_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void row(String what, long bytes, int count) {
        System.out.printf(Locale.ROOT, "| %s | %.1f MiB | %.0f B |%n", what, bytes / 1048576.0, (double) bytes / count);
    }

    private interface Timed {
        void run() throws Exception;
    }

    private static long time(Timed work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static EventSink discardingSink() {
        return new EventSink() {
            @Override
            public void publish(Event event) {
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }
        };
    }

    private static RegistryView emptyRegistry() {
        return new RegistryView() {
            @Override
            public Optional<Model> model(ModelRef ref) {
                return Optional.empty();
            }

            @Override
            public List<ComponentDefinition> components(Gvk gvk, Optional<ModelRef> model) {
                return List.of();
            }

            @Override
            public List<RelationshipDefinition> relationshipsFor(String kind) {
                return List.of();
            }

            @Override
            public RegistrationResult register(ModelBundle bundle, String registrant) {
                throw new UnsupportedOperationException("the benchmark registers nothing");
            }
        };
    }
}
