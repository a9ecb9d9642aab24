package io.meshwright.testbed.registry;

import io.meshwright.engine.registry.ComponentQuery;
import io.meshwright.engine.registry.ModelQuery;
import io.meshwright.engine.registry.ModelSummary;
import io.meshwright.engine.registry.Page;
import io.meshwright.engine.registry.Registry;
import io.meshwright.engine.registry.RelationshipQuery;
import io.meshwright.engine.store.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Crash trials for the registry: a child JVM ({@link CrashTrialChild}) imports numbered model batches and is
 * killed with SIGKILL at a random moment; the parent reopens the database and checks that every acknowledged
 * batch is there complete, that no model is stored half (every {@code crash-*} model has all its components
 * and relationships), and that {@code PRAGMA integrity_check} says {@code ok}.
 *
 * <p>Run: {@code java -cp <testbed classpath> io.meshwright.testbed.registry.CrashTrials [trials] [seed]}.
 */
public final class CrashTrials {

    /** What one trial saw. */
    public record Trial(int number, int acknowledged, int stored, int exitCode, List<String> failures) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /** All trials. */
    public record Result(List<Trial> trials, long seed) {
        public long failed() {
            return trials.stream().filter(t -> !t.passed()).count();
        }

        public String summary() {
            int acked = trials.stream().mapToInt(Trial::acknowledged).sum();
            int ahead = (int) trials.stream().filter(t -> t.stored() > t.acknowledged()).count();
            return trials.size() + " trials (seed " + seed + "): " + failed() + " failed; " + acked
                    + " acknowledged batches in all, every one found complete; " + ahead
                    + " trials had one committed batch beyond the last acknowledgement (killed between commit and print)";
        }
    }

    private final Path workDir;
    private final Random random;

    public CrashTrials(Path workDir, long seed) {
        this.workDir = workDir;
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261125L;
        Path work = Files.createTempDirectory("registry-crash-");
        Result result = new CrashTrials(work, seed).run(trials, seed);
        result.trials().stream().filter(t -> !t.passed()).forEach(t -> System.out.println("trial " + t.number() + ": " + t.failures()));
        System.out.println(result.summary());
        System.exit(result.failed() == 0 ? 0 : 1);
    }

    public Result run(int trials, long seed) throws Exception {
        List<Trial> results = new ArrayList<>();
        for (int i = 1; i <= trials; i++) {
            results.add(trial(i));
        }
        return new Result(results, seed);
    }

    private Trial trial(int number) throws Exception {
        Path db = workDir.resolve("trial-" + number + ".db");
        int target = 2 + random.nextInt(14);
        double fraction = random.nextDouble();
        // The child's stdout goes to a file: everything it printed before the kill stays readable afterwards.
        Path log = workDir.resolve("trial-" + number + ".out");
        Process child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                "--enable-native-access=ALL-UNNAMED", CrashTrialChild.class.getName(), db.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(log.toFile())
                .start();
        List<String> failures = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long firstAck = 0;
        int seen = 0;
        while (child.isAlive() && seen < target && System.nanoTime() < deadline) {
            LockSupport.parkNanos(200_000);
            seen = lastAck(log, failures);
            if (seen >= 1 && firstAck == 0) {
                firstAck = System.nanoTime();
            }
        }
        // Kill at a uniformly random point within the next batch, so kills land in parsing, in the write
        // transaction and between commit and acknowledgement alike.
        long perBatch = seen > 1 ? (System.nanoTime() - firstAck) / (seen - 1) : 50_000_000L;
        LockSupport.parkNanos((long) (fraction * perBatch));
        child.destroyForcibly();
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            failures.add("child did not end");
        }
        int exit = child.exitValue();
        int acknowledged = lastAck(log, failures);
        Files.deleteIfExists(log);
        if (exit != 137 && failures.isEmpty()) {
            failures.add("child ended with exit code " + exit + ", not 137 (SIGKILL)");
        }
        int stored = verify(db, acknowledged, failures);
        deleteDatabase(db);
        return new Trial(number, acknowledged, stored, exit, failures);
    }

    /** The highest {@code ACK n} the child printed so far; {@code FAILED} lines become failures. */
    private static int lastAck(Path log, List<String> failures) throws IOException {
        int last = 0;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("ACK ")) {
                last = Integer.parseInt(line.substring(4).strip());
            } else if (line.startsWith("FAILED") && !failures.contains("child: " + line)) {
                failures.add("child: " + line);
            }
        }
        return last;
    }

    /** Reopens the store and checks it; returns how many crash models it holds. */
    static int verify(Path db, int acknowledged, List<String> failures) {
        try (Database database = Database.open(db, Registry.migrations())) {
            String integrity = database.read(c -> {
                try (Statement statement = c.createStatement(); ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
                    rows.next();
                    return rows.getString(1);
                }
            });
            if (!"ok".equals(integrity)) {
                failures.add("integrity_check: " + integrity);
            }
            Registry registry = new Registry(database, Clock.systemUTC());
            Page<ModelSummary> models = registry.models(new ModelQuery("crash-", null, null, null, 0, 1000));
            for (ModelSummary model : models.items()) {
                if (model.components() != CrashTrialChild.COMPONENTS || model.relationships() != 2) {
                    failures.add("half-stored model " + model.name() + ": " + model.components() + " components, "
                            + model.relationships() + " relationships");
                }
            }
            for (int batch = 1; batch <= acknowledged; batch++) {
                String name = "crash-" + batch;
                long components = registry.components(new ComponentQuery(null, name, null, null, null, null, 0, 1)).total();
                long relationships = registry.relationships(new RelationshipQuery(null, name, null, null, null, null, 0, 1)).total();
                if (components != CrashTrialChild.COMPONENTS || relationships != 2) {
                    failures.add("acknowledged batch " + batch + " has " + components + " components and " + relationships + " relationships");
                }
            }
            if (models.total() < acknowledged || models.total() > acknowledged + 1) {
                failures.add("expected " + acknowledged + " (or one more) models, found " + models.total());
            }
            return (int) models.total();
        }
    }

    private static void deleteDatabase(Path db) throws IOException {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(db + suffix));
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
