package io.meshwright.testbed.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.contract.EngineProcess;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/**
 * The deploy/undeploy benchmark as users run it: a real engine started from the built distribution
 * ({@code bin/meshwright serve}), and every Meshwright operation a separate CLI process
 * ({@code meshwright design apply -f} / {@code design delete -f}), timed from process start to exit, interleaved
 * with kubectl's server-side apply of the same objects and its namespace cascade (kubectl's objects are removed
 * before Meshwright's are applied). The engine's first deploy
 * (cold JIT, empty caches) is reported apart from the warm repetitions; the in-process figure
 * ({@link DeployBenchmark#inProcess}) is taken in the same run for comparison.
 *
 * <p>Where the time goes is read from the engine's typed events as they carry their own timestamps
 * ({@code at}): the bench follows the deployment's event stream over HTTP while the CLI runs, and prints each
 * phase as an offset from the CLI's start.
 *
 * <p>Run: {@code testbed/bench deploy --cli [repetitions]} (default 3).
 */
public final class CliDeployBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CliDeployBenchmark() {}

    public static void main(String[] args) throws Exception {
        int repetitions = Stream.of(args).filter(a -> a.matches("\\d+")).findFirst().map(Integer::parseInt).orElse(3);
        // MESHWRIGHT_BENCH_DIST: another built distribution (a copy of an earlier build, say), to compare before/after
        Path distribution = Path.of(System.getenv().getOrDefault("MESHWRIGHT_BENCH_DIST", "engine/target/meshwright"))
                .toAbsolutePath();
        if (!Files.isExecutable(distribution.resolve("bin/meshwright"))) {
            throw new IllegalStateException("no built distribution at " + distribution + " (mvn -pl engine -am package)");
        }
        String run = Long.toString(System.currentTimeMillis() % 100_000, 36);
        try (ClusterHandle cluster = ClusterHandle.obtain()) {
            Path work = Files.createTempDirectory("meshwright-bench-cli");
            String kubeconfig = cluster.kubeconfig().toString();
            System.out.println("cluster " + cluster.serverVersion() + ", 1,000 objects, run " + run + ", load " + load());
            // The launcher's class data sharing archives are written by the first engine run and the first client
            // command of a build; made here first, so that "cold" means what every later start is: a fresh engine
            // process (cold JIT, empty caches) with the archives in place.
            try (EngineProcess once = EngineProcess.start(distribution, work.resolve("archive-run"), cluster.kubeconfig(), List.of())) {
                new ProcessBuilder(distribution.resolve("bin/meshwright").toString(), "--help")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start().waitFor();
            }
            Path dataDir = work.resolve("engine");
            // MESHWRIGHT_BENCH_ENGINE_OPTS: JVM options for the measured engine, e.g. -XX:StartFlightRecording=...
            List<String> engineOptions = Stream.of(System.getenv().getOrDefault("MESHWRIGHT_BENCH_ENGINE_OPTS", "")
                    .split(" ")).filter(o -> !o.isBlank()).toList();
            try (EngineProcess engine = EngineProcess.start(distribution, dataDir, cluster.kubeconfig(), engineOptions)) {
                Cli cli = new Cli(distribution, engine.base(), dataDir, work, kubeconfig);
                List<Row> rows = new ArrayList<>();
                for (int i = 0; i <= repetitions; i++) {
                    String label = i == 0 ? "cold (engine's first deploy)" : "warm " + i;
                    String kb = "kb" + run + i;
                    String mw = "mw" + run + i;
                    String loadBefore = load();
                    // One side's objects are gone before the other's come: 298 services do not fit the local
                    // control plane's service IP range.
                    long kubectlApply = DeployBenchmark.kubectlApply(kubeconfig, work, kb);
                    long kubectlCascade = DeployBenchmark.kubectlCascade(kubeconfig, kb);
                    Timed apply = cli.run(mw, "apply");
                    Timed delete = cli.run(mw, "delete");
                    rows.add(new Row(label, apply.millis(), kubectlApply, delete.millis(), kubectlCascade,
                            loadBefore + " → " + load()));
                    System.out.printf(Locale.ROOT, "%n%s: apply %.1f s (kubectl %.1f s), delete %.1f s (cascade %.1f s)%n",
                            label, apply.millis() / 1000.0, kubectlApply / 1000.0, delete.millis() / 1000.0,
                            kubectlCascade / 1000.0);
                    System.out.print(apply.breakdown());
                    System.out.print(delete.breakdown());
                }
                DeployBenchmark.InProcess inProcess = DeployBenchmark.inProcess(cluster, work, "ip" + run, false);
                long kubectlApply = DeployBenchmark.kubectlApply(kubeconfig, work, "kq" + run);
                long kubectlCascade = DeployBenchmark.kubectlCascade(kubeconfig, "kq" + run);
                rows.add(new Row("in-process (no CLI, no HTTP)", inProcess.apply(), kubectlApply, inProcess.undeploy(),
                        kubectlCascade, load()));

                System.out.printf(Locale.ROOT, "%n| run | apply: Meshwright CLI | kubectl | ratio | delete to verified-empty:"
                        + " Meshwright CLI | kubectl cascade | ratio | load (1 min) |%n|---|---|---|---|---|---|---|---|%n");
                for (Row row : rows) {
                    System.out.printf(Locale.ROOT, "| %s | %.1f s | %.1f s | %.2f× | %.1f s | %.1f s | %.2f× | %s |%n",
                            row.label(), row.apply() / 1000.0, row.kubectlApply() / 1000.0,
                            (double) row.apply() / row.kubectlApply(), row.delete() / 1000.0,
                            row.kubectlCascade() / 1000.0, (double) row.delete() / row.kubectlCascade(), row.load());
                }
            }
        }
    }

    private record Row(String label, long apply, long kubectlApply, long delete, long kubectlCascade, String load) {}

    /** Wall milliseconds of one CLI command and the phases read from the events it caused. */
    private record Timed(long millis, String breakdown) {}

    /** The machine's 1-minute load average, as {@code uptime} prints it. */
    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** The CLI of the distribution pointed at one engine, and a follower of that engine's events. */
    private static final class Cli {

        private final Path distribution;
        private final URI server;
        private final Path dataDir;
        private final Path work;
        private final String token;
        private final String kubeconfig;
        private final HttpClient http = HttpClient.newHttpClient();

        Cli(Path distribution, URI server, Path dataDir, Path work, String kubeconfig) throws IOException {
            this.kubeconfig = kubeconfig;
            this.distribution = distribution;
            this.server = server;
            this.dataDir = dataDir;
            this.work = work;
            this.token = Files.readString(dataDir.resolve("token")).strip();
        }

        /** Runs {@code meshwright design <verb> -f <prefix>.yaml} while following the deployment's events. */
        Timed run(String prefix, String verb) throws Exception {
            Path file = work.resolve(prefix + ".yaml");
            if (!Files.exists(file)) {
                List<String> documents = new ArrayList<>(BenchmarkObjects.core(prefix));
                documents.addAll(BenchmarkObjects.customResources(prefix));
                Files.writeString(file, BenchmarkObjects.yaml(documents));
            }
            String name = "bench-" + prefix;
            String id = deploymentId(file, name);
            Queue<JsonNode> events = new ConcurrentLinkedQueue<>();
            // Only what the breakdown reads, so that the bench adds as little as it can to the engine's work (the
            // delete's per-kind lines need every object's event).
            String types = verb.equals("apply") ? "deployment.state,plan.level.started,plan.level.finished"
                    : "deployment.state,object.deleted,object.kept,object.left-over";
            HttpRequest follow = HttpRequest.newBuilder(server.resolve("/api/deployments/" + encode(id)
                            + "/events?type=" + encode(types)))
                    .header("Authorization", "Bearer " + token).GET().build();
            var stream = http.sendAsync(follow, HttpResponse.BodyHandlers.ofLines()).thenAccept(response ->
                    response.body().forEach(line -> {
                        if (line.startsWith("data:")) {
                            try {
                                events.add(JSON.readTree(line.substring(5).strip()));
                            } catch (IOException ignored) {
                                // not an event
                            }
                        }
                    }));
            Thread.sleep(300); // let the follower subscribe before the command starts
            Path out = work.resolve(prefix + "-" + verb + ".out");
            Path times = work.resolve(prefix + "-" + verb + ".time");
            long requestsBefore = apiServerRequests(kubeconfig);
            Duration engineCpuBefore = engineCpu();
            // /usr/bin/time reports the CLI's own CPU (user + sys), which wall time on a shared machine hides
            ProcessBuilder builder = new ProcessBuilder("/usr/bin/time", "-o", times.toString(), "-f", "%U %S",
                    distribution.resolve("bin/meshwright").toString(), "design", verb, "-f", file.toString(), "--name", name, "--server", server.toString(),
                    "--data-dir", dataDir.toString()).redirectErrorStream(true).redirectOutput(out.toFile());
            Instant started = Instant.now();
            long start = System.nanoTime();
            Process process = builder.start();
            int exit = process.waitFor();
            long millis = (System.nanoTime() - start) / 1_000_000;
            Instant ended = started.plusMillis(millis);
            Thread.sleep(200); // the last events
            stream.cancel(true);
            Duration engineCpu = engineCpu().minus(engineCpuBefore);
            long requests = apiServerRequests(kubeconfig) - requestsBefore;
            String[] cliCpu = Files.readString(times).strip().split("\\s+");
            String resources = String.format(Locale.ROOT, "    CPU: CLI %.2f s, engine %.2f s; API server requests: %d%n",
                    Double.parseDouble(cliCpu[cliCpu.length - 2]) + Double.parseDouble(cliCpu[cliCpu.length - 1]),
                    engineCpu.toMillis() / 1000.0, requests);
            if (exit != 0) {
                throw new IllegalStateException("meshwright design " + verb + " exited " + exit + ":\n" + Files.readString(out));
            }
            return new Timed(millis, breakdown(verb, started, ended, List.copyOf(events), Files.readString(out)) + resources);
        }

        /** CPU time the engine (this bench's child JVM running {@code serve}) has used so far. */
        private static Duration engineCpu() {
            return ProcessHandle.current().children()
                    .filter(p -> p.info().commandLine().orElse("").contains("io.meshwright.engine.cli.Main serve"))
                    .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                    .reduce(Duration.ZERO, Duration::plus);
        }

        /** Requests the API server has answered so far ({@code apiserver_request_total}, every verb and code). */
        private static long apiServerRequests(String kubeconfig) throws IOException, InterruptedException {
            Process process = new ProcessBuilder("kubectl", "--kubeconfig", kubeconfig, "get", "--raw", "/metrics")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String metrics = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return metrics.lines().filter(l -> l.startsWith("apiserver_request_total{"))
                    .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        }

        private String deploymentId(Path file, String name) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(server.resolve("/api/deployments/id?source="
                            + encode(file.toString()) + "&name=" + encode(name)))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/yaml")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).path("id").asText();
        }
    }

    /**
     * Phases of one command, as offsets from the CLI's start: state transitions and levels (apply), and for
     * removal the moment each kind's rank was done (the engine records a rank's deletions when the whole rank is
     * gone), then the scan and the exit.
     */
    static String breakdown(String verb, Instant started, Instant ended, List<JsonNode> events, String output) {
        StringBuilder text = new StringBuilder("  meshwright design " + verb + ":\n");
        Map<String, Instant[]> deletedByKind = new LinkedHashMap<>();
        Instant levelStart = null;
        Instant last = started;
        for (JsonNode event : events) {
            Instant at = Instant.parse(event.path("at").asText());
            String type = event.path("type").asText();
            switch (type) {
                case "deployment.state" -> {
                    flushDeleted(text, started, deletedByKind);
                    text.append(line(started, at, event.path("from").asText() + " → " + event.path("to").asText(), last));
                    last = at;
                }
                case "plan.level.started" -> levelStart = at;
                case "plan.level.finished" -> {
                    text.append(line(started, at, "level " + event.path("level").asInt() + "/" + event.path("levels").asInt()
                            + " (" + (event.path("applied").asInt() + event.path("unchanged").asInt()) + " parts) took "
                            + seconds(levelStart, at), last));
                    last = at;
                }
                case "object.deleted", "object.kept", "object.left-over" -> {
                    String kind = event.path("ref").path("kind").asText() + (type.equals("object.deleted") ? "" : " (" + type + ")");
                    Instant[] span = deletedByKind.computeIfAbsent(kind, k -> new Instant[] {at, at});
                    span[1] = at;
                    last = at;
                }
                default -> { }
            }
        }
        flushDeleted(text, started, deletedByKind);
        text.append(line(started, ended, "CLI process exited", last));
        output.lines().filter(l -> l.contains(" in ") && (l.contains("DEPLOYED") || l.contains("UNDEPLOYED")))
                .findFirst().ifPresent(l -> text.append("    CLI says: ").append(l.strip()).append('\n'));
        return text.toString();
    }

    private static void flushDeleted(StringBuilder text, Instant started, Map<String, Instant[]> deletedByKind) {
        deletedByKind.forEach((kind, span) -> text.append(String.format(Locale.ROOT, "    %+7.2f s  %s recorded (%s after the first of its kind)%n",
                Duration.between(started, span[1]).toMillis() / 1000.0, kind, seconds(span[0], span[1]))));
        deletedByKind.clear();
    }

    private static String line(Instant started, Instant at, String what, Instant previous) {
        return String.format(Locale.ROOT, "    %+7.2f s  %s (+%s)%n", Duration.between(started, at).toMillis() / 1000.0,
                what, seconds(previous, at));
    }

    private static String seconds(Instant from, Instant to) {
        return from == null ? "?" : String.format(Locale.ROOT, "%.2f s", Duration.between(from, to).toMillis() / 1000.0);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
