package io.meshwright.testbed.bench;

import io.meshwright.engine.lifecycle.DeployOptions;
import io.meshwright.engine.lifecycle.DeploymentRecord;
import io.meshwright.engine.lifecycle.UndeployOptions;
import io.meshwright.engine.lifecycle.UndeployReport;
import io.meshwright.engine.lifecycle.WaitPolicy;
import io.meshwright.testbed.lifecycle.LifecycleRig;
import io.meshwright.testkit.ClusterHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Side by side on one cluster, in one run: apply the 1,000-object design with Meshwright and with
 * {@code kubectl apply --server-side}, then remove it with Meshwright's undeploy (orphan scan included) and with
 * kubectl. kubectl's own {@code delete -f … --wait} deletes one object at a time (≈200 s here), so by default
 * kubectl's removal is measured as the namespace cascade (delete the namespaces and the CRD, wait until gone),
 * which is the floor; {@code --kubectl-serial-delete} measures {@code kubectl delete -f … --wait} too.
 *
 * <p>Run: {@code testbed/bench deploy [--kubectl-serial-delete]} (builds the testbed and runs this main on the
 * local control plane, or on {@code MESHWRIGHT_KUBECONFIG}'s cluster).
 */
public final class DeployBenchmark {

    private DeployBenchmark() {}

    public static void main(String[] args) throws Exception {
        boolean serialDelete = List.of(args).contains("--kubectl-serial-delete");
        String run = Long.toString(System.currentTimeMillis() % 100_000, 36);
        try (ClusterHandle cluster = ClusterHandle.obtain()) {
            Path work = Files.createTempDirectory("meshwright-bench");
            String kubeconfig = cluster.kubeconfig().toString();
            System.out.println("cluster " + cluster.serverVersion() + ", 1,000 objects, run " + run);

            long kubectlApply = kubectlApply(kubeconfig, work, "kb" + run);
            long kubectlSerial = -1;
            if (serialDelete) {
                Path core = work.resolve("kb" + run + "-core.yaml");
                Path crs = work.resolve("kb" + run + "-crs.yaml");
                kubectlSerial = time(() -> kubectl(kubeconfig, "delete", "--wait", "-f", crs.toString(), "-f", core.toString()));
            }
            long kubectlCascade = kubectlCascade(kubeconfig, "kb" + run);
            InProcess meshwright = inProcess(cluster, work, "mw" + run, true);

            System.out.println();
            System.out.printf(Locale.ROOT, "| operation | Meshwright | kubectl | ratio |%n|---|---|---|---|%n");
            row("apply 1,000 objects (server-side)", meshwright.apply(), kubectlApply);
            row("remove them, verified (Meshwright: undeploy incl. orphan scan; kubectl: namespace cascade)",
                    meshwright.undeploy(), kubectlCascade);
            if (serialDelete) {
                row("remove them (kubectl delete -f … --wait)", meshwright.undeploy(), kubectlSerial);
            }
            System.out.println();
            System.out.println("Meshwright undeploy: " + meshwright.outcome());
        }
    }

    /** Milliseconds of an in-process deploy and undeploy, and how the undeploy ended. */
    record InProcess(long apply, long undeploy, String outcome) {}

    /**
     * Deploys and undeploys the 1,000 objects named by {@code prefix} with an engine in this JVM (no CLI, no HTTP),
     * printing every transition and level with its offset when {@code verbose}.
     */
    static InProcess inProcess(ClusterHandle cluster, Path work, String prefix, boolean verbose) throws Exception {
        List<String> documents = new ArrayList<>(BenchmarkObjects.core(prefix));
        documents.addAll(BenchmarkObjects.customResources(prefix));
        String design = BenchmarkObjects.yaml(documents);
        try (LifecycleRig rig = new LifecycleRig(Files.createTempDirectory(work, "in-process"), cluster.client())) {
            long origin = System.nanoTime();
            if (verbose) {
                // Where the time goes: every transition and level, with its offset from the start.
                rig.events().subscribe(e -> e.type().equals("deployment.state") || e.type().startsWith("plan.level")
                        || e.type().equals("deployment.prune"), e -> System.out.printf(Locale.ROOT, "  %6.2f s  %s%n",
                        (System.nanoTime() - origin) / 1e9, e.message().lines().findFirst().orElse("")));
            }
            DeployOptions options = new DeployOptions(WaitPolicy.APPLIED, Duration.ofMinutes(2), false, false, 32);
            DeploymentRecord[] deployed = new DeploymentRecord[1];
            long apply = time(() -> deployed[0] = rig.lifecycle().deploy(
                    rig.parse(design, "bench-" + prefix + ".yaml"), options));
            if (!deployed[0].state().name().equals("DEPLOYED")) {
                throw new IllegalStateException("deploy ended " + deployed[0].state() + ": " + deployed[0].cause());
            }
            UndeployReport[] report = new UndeployReport[1];
            long undeploy = time(() -> report[0] = rig.lifecycle().undeploy(deployed[0].id(),
                    new UndeployOptions(true, false, Duration.ofMinutes(2), false)));
            return new InProcess(apply, undeploy, report[0].deployment().state() + ", "
                    + report[0].leftovers().size() + " left");
        }
    }

    /**
     * kubectl's server-side apply of the objects named by {@code prefix}: namespaces, CRD and core objects, then
     * {@code wait --for condition=established}, then the custom resources (one file cannot hold both: kubectl maps
     * every kind before it sends anything). Milliseconds.
     */
    static long kubectlApply(String kubeconfig, Path work, String prefix) throws Exception {
        Path core = write(work, prefix + "-core.yaml", BenchmarkObjects.yaml(BenchmarkObjects.core(prefix)));
        Path crs = write(work, prefix + "-crs.yaml", BenchmarkObjects.yaml(BenchmarkObjects.customResources(prefix)));
        return time(() -> {
            kubectl(kubeconfig, "apply", "--server-side", "-f", core.toString());
            kubectl(kubeconfig, "wait", "--for", "condition=established", "--timeout=120s",
                    "crd/gadgets." + BenchmarkObjects.group(prefix));
            kubectl(kubeconfig, "apply", "--server-side", "-f", crs.toString());
        });
    }

    /** kubectl's removal floor: delete the namespaces and the CRD and wait until they are gone. Milliseconds. */
    static long kubectlCascade(String kubeconfig, String prefix) throws Exception {
        return time(() -> {
            List<String> command = new ArrayList<>(List.of("delete", "--wait", "--ignore-not-found"));
            for (int n = 0; n < BenchmarkObjects.NAMESPACES; n++) {
                command.add("namespace/" + BenchmarkObjects.namespace(prefix, n));
            }
            command.add("crd/gadgets." + BenchmarkObjects.group(prefix));
            kubectl(kubeconfig, command.toArray(String[]::new));
        });
    }

    private static void row(String what, long meshwright, long kubectl) {
        System.out.printf(Locale.ROOT, "| %s | %.1f s | %.1f s | %.2f× |%n", what, meshwright / 1000.0,
                kubectl / 1000.0, (double) meshwright / kubectl);
    }

    interface Step {
        void run() throws Exception;
    }

    static long time(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    static void kubectl(String kubeconfig, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("kubectl " + String.join(" ", args) + " failed (exit " + process.exitValue() + ")");
        }
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
