package io.meshwright.testbed.registry;

import io.meshwright.engine.registry.ComponentQuery;
import io.meshwright.engine.registry.ImportOptions;
import io.meshwright.engine.registry.ImportReport;
import io.meshwright.engine.registry.Page;
import io.meshwright.engine.registry.ComponentSummary;
import io.meshwright.engine.registry.Registry;
import io.meshwright.engine.store.Database;
import io.meshwright.spi.model.Gvk;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

/**
 * Registry benchmark: imports a generated bundle of 1,000 models × 20 components (one tar.gz in the package
 * layout), imports it again (idempotent: everything unchanged), then measures component search latency.
 *
 * <p>Run: {@code java -Xmx1g -cp <testbed classpath> io.meshwright.testbed.registry.RegistryBenchmark [models] [components]}.
 * Targets on a 2-core machine: import &lt; 10 s, re-import &lt; 5 s, search p99 &lt; 5 ms.
 */
public final class RegistryBenchmark {
    private RegistryBenchmark() {}

    public static void main(String[] args) throws Exception {
        int models = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int components = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        byte[] bundle = SyntheticModels.packageTarGz(models, components);
        System.out.printf("bundle: %d models x %d components, %.1f MiB tar.gz%n", models, components, bundle.length / 1048576.0);
        Path dir = Files.createTempDirectory("registry-bench-");
        try (Database database = Database.open(dir.resolve("registry.db"), Registry.migrations())) {
            Registry registry = new Registry(database, Clock.systemUTC());
            warmUp(registry);
            System.gc();
            resetPeaks();

            long cpu = cpuNanos();
            long start = System.nanoTime();
            ImportReport first = registry.importBytes("bench.tar.gz", bundle, ImportOptions.defaults());
            double importSeconds = (System.nanoTime() - start) / 1e9;
            long peak = peakHeap();
            System.out.printf("import:    %.2f s wall, %.2f s CPU (%s), peak heap %d MiB%n", importSeconds,
                    (cpuNanos() - cpu) / 1e9, first.summary(), peak >> 20);

            cpu = cpuNanos();
            start = System.nanoTime();
            ImportReport second = registry.importBytes("bench.tar.gz", bundle, ImportOptions.defaults());
            System.out.printf("re-import: %.2f s wall, %.2f s CPU (%s)%n", (System.nanoTime() - start) / 1e9,
                    (cpuNanos() - cpu) / 1e9, second.summary());
            System.out.printf("load average while measuring: %.1f on %d cores%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());

            start = System.nanoTime();
            registry.components(new ComponentQuery("warm", null, null, null, null, null, 0, 20));
            System.out.printf("first search after the import (loads the search table): %.1f ms%n", (System.nanoTime() - start) / 1e6);

            Random random = new Random(7);
            long[] search = new long[2000];
            long total = 0;
            for (int i = 0; i < search.length; i++) {
                String kind = "Bench" + String.format("%04d", random.nextInt(models)) + "Kind" + random.nextInt(components);
                int from = random.nextInt(kind.length() - 4);
                String needle = kind.substring(from, from + 4 + random.nextInt(Math.min(6, kind.length() - from - 4) + 1));
                long t = System.nanoTime();
                Page<ComponentSummary> page = registry.components(new ComponentQuery(needle, null, null, null, null, null, 0, 20));
                search[i] = System.nanoTime() - t;
                total += page.total();
            }
            report("search (substring, page of 20 + total)", search);
            System.out.printf("  (mean matches per query: %d)%n", total / search.length);

            long[] gvk = new long[2000];
            for (int i = 0; i < gvk.length; i++) {
                String model = String.format("bench-%04d", random.nextInt(models));
                Gvk wanted = new Gvk(model + ".example.com", "v1", "Bench" + model.substring(6) + "Kind" + random.nextInt(components));
                long t = System.nanoTime();
                int found = registry.view().components(wanted, Optional.empty()).size();
                gvk[i] = System.nanoTime() - t;
                if (found != 1) {
                    throw new IllegalStateException("lookup of " + wanted + " found " + found);
                }
            }
            report("lookup by GVK (RegistryView.components)", gvk);
        } finally {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(dir.resolve("registry.db" + suffix));
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void warmUp(Registry registry) throws Exception {
        registry.importBytes("warm.tar.gz", SyntheticModels.packageTarGz(20, 5), ImportOptions.validateOnly());
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d queries%n", what,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6, sorted.length);
    }

    /** CPU time of this process (all threads): with other work on the machine, wall time alone misleads. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }
}
