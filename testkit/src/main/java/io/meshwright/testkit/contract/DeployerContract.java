package io.meshwright.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@code Deployer} must keep, checked against a real engine (a child JVM started from a
 * built distribution, with your plugin jar in its plugins folder) and a real cluster:
 * <ul>
 *   <li>deploy leaves every object carrying the deployment's label in the inventory, confirmed;</li>
 *   <li>re-deploying the same design changes nothing;</li>
 *   <li>undeploy leaves zero objects with the label, in any kind the cluster serves;</li>
 *   <li>after the engine is killed with SIGKILL after an intent is committed, after a write before its
 *       confirmation, after a confirmation, or in the middle of an undeploy, a restart settles every record
 *       (no intent left, no object untracked) and undeploy still ends at zero.</li>
 * </ul>
 * The label scan is the contract's own (every served kind, listed with the cluster client), not the engine's.
 *
 * <p>To run it against your deployer: depend on {@code io.meshwright:meshwright-testkit} (test scope), subclass
 * this, return a design whose parts your deployer handles from {@link #design(String)}, your plugin jar from
 * {@link #plugins()}, and the engine distribution from {@link #distribution()} (by default the
 * {@code meshwright.distribution} system property, else {@code engine/target/meshwright} above the working
 * directory). The class needs a cluster: the local control plane, or {@code MESHWRIGHT_KUBECONFIG}.
 */
@RealCluster
public abstract class DeployerContract {

    private static final Duration SETTLE = Duration.ofMinutes(3);

    @TempDir
    Path work;

    /**
     * A design (YAML: a Meshery design or plain manifests) with at least two objects, whose parts the deployer
     * under test handles; namespaced objects go into {@code namespace}, which the design may also declare.
     */
    protected abstract String design(String namespace);

    /**
     * Whether {@link #design} declares its namespace (then the contract only names one, and the deployment creates
     * and removes it); otherwise the contract creates the namespace before deploying.
     */
    protected boolean designDeclaresNamespace() {
        return true;
    }

    /** Plugin jars to put into the engine's plugins folder; none for the engine's built-in deployers. */
    protected List<Path> plugins() {
        return List.of();
    }

    /** The engine distribution folder (holding {@code bin/meshwright}). */
    protected Path distribution() {
        String given = System.getProperty("meshwright.distribution");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("engine/target/meshwright");
            if (Files.isExecutable(candidate.resolve("bin/meshwright"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no engine distribution found: build it (mvn package) or set "
                + "-Dmeshwright.distribution=<folder with bin/meshwright>");
    }

    @Test
    void deployRecordsEveryObjectRedeployChangesNothingAndUndeployLeavesZero(ClusterHandle cluster) {
        String namespace = namespace(cluster, "contract");
        String name = name();
        try (EngineProcess engine = start(cluster, List.of())) {
            JsonNode deployed = engine.deploy(design(namespace), name, false, Map.of());
            String id = deployed.path("id").asText();
            assertEquals("DEPLOYED", deployed.path("state").asText(), "deploy: " + deployed);
            List<String> labelled = LabelledObjects.of(cluster.client(), id);
            assertFalse(labelled.isEmpty(), "the deploy made no object carrying the deployment's label");
            assertEverythingTracked(engine, cluster, id);
            Map<String, String> versions = LabelledObjects.withVersions(cluster.client(), id);

            JsonNode again = engine.deploy(design(namespace), name, false, Map.of());
            assertEquals("DEPLOYED", again.path("state").asText(), "re-deploy: " + again);
            assertEquals(versions, LabelledObjects.withVersions(cluster.client(), id), "a re-deploy of the same design changed objects");

            JsonNode report = engine.undeploy(id);
            assertEquals("UNDEPLOYED", report.path("deployment").path("state").asText(), "undeploy: " + report);
            assertEquals(List.of(), LabelledObjects.of(cluster.client(), id), "objects left after undeploy");
        }
    }

    @ParameterizedTest(name = "killed {0}")
    @ValueSource(strings = {"after-intent:2", "after-write:2", "after-confirm:2"})
    void aKillDuringDeployIsSettledAtRestartAndUndeployStillLeavesZero(String crashPoint, ClusterHandle cluster) {
        String namespace = namespace(cluster, "crash");
        String name = name();
        Path dataDir = work.resolve("data");
        Path marker = work.resolve("crashed");
        String id;
        try (EngineProcess engine = start(cluster, dataDir, List.of("-Dmeshwright.test.crashAt=" + crashPoint,
                "-Dmeshwright.test.crashMarker=" + marker))) {
            id = engine.deploy(design(namespace), name, true, Map.of()).path("id").asText();
            awaitCrash(marker, engine, id);
            engine.kill();
        }
        try (EngineProcess engine = start(cluster, dataDir, List.of())) {
            awaitState(engine, id, "DEPLOYED");
            assertEverythingTracked(engine, cluster, id);
            JsonNode report = engine.undeploy(id);
            assertEquals("UNDEPLOYED", report.path("deployment").path("state").asText(), "undeploy: " + report);
            assertEquals(List.of(), LabelledObjects.of(cluster.client(), id), "objects left after undeploy");
        }
    }

    @Test
    void aKillMidUndeployIsFinishedAtRestartWithZeroLeft(ClusterHandle cluster) {
        String namespace = namespace(cluster, "crashundeploy");
        String name = name();
        Path dataDir = work.resolve("data");
        Path marker = work.resolve("crashed");
        String id;
        try (EngineProcess engine = start(cluster, dataDir, List.of("-Dmeshwright.test.crashAt=mid-undeploy",
                "-Dmeshwright.test.crashMarker=" + marker))) {
            JsonNode deployed = engine.deploy(design(namespace), name, false, Map.of());
            assertEquals("DEPLOYED", deployed.path("state").asText(), "deploy: " + deployed);
            id = deployed.path("id").asText();
            Thread undeploy = Thread.ofVirtual().start(() -> {
                try {
                    engine.undeploy(id);
                } catch (RuntimeException expected) {
                    // the engine dies under it
                }
            });
            awaitCrash(marker, engine, id);
            engine.kill();
            join(undeploy);
        }
        try (EngineProcess engine = start(cluster, dataDir, List.of())) {
            awaitState(engine, id, "UNDEPLOYED");
            assertEquals(List.of(), LabelledObjects.of(cluster.client(), id), "objects left after the resumed undeploy");
        }
    }

    /** No intent is left open, and every labelled object in the cluster is confirmed in the inventory. */
    private static void assertEverythingTracked(EngineProcess engine, ClusterHandle cluster, String id) {
        Set<String> confirmed = new TreeSet<>();
        List<String> open = new ArrayList<>();
        for (JsonNode entry : engine.inventory(id)) {
            String key = key(entry.path("ref"));
            switch (entry.path("status").asText()) {
                case "CONFIRMED" -> confirmed.add(key);
                case "INTENDED" -> open.add(key);
                default -> { }
            }
        }
        assertEquals(List.of(), open, "intents left unsettled");
        List<String> untracked = LabelledObjects.of(cluster.client(), id).stream()
                .filter(object -> !confirmed.contains(object)).toList();
        assertEquals(List.of(), untracked, "objects carrying the label that the inventory does not confirm");
    }

    private static String key(JsonNode ref) {
        String namespace = ref.path("namespace").isNull() ? "" : ref.path("namespace").asText("");
        return ref.path("gvk").path("kind").asText() + "/" + (namespace.isEmpty() ? "" : namespace + "/")
                + ref.path("name").asText();
    }

    private EngineProcess start(ClusterHandle cluster, List<String> javaOptions) {
        return start(cluster, work.resolve("data"), javaOptions);
    }

    private EngineProcess start(ClusterHandle cluster, Path dataDir, List<String> javaOptions) {
        try {
            Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
            for (Path plugin : plugins()) {
                Files.copy(plugin, plugins.resolve(plugin.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return EngineProcess.start(distribution(), dataDir, cluster.kubeconfig(), javaOptions);
    }

    /** Waits until the restarted engine's resume brings the deployment to {@code state} (it passes others first). */
    private static void awaitState(EngineProcess engine, String id, String state) {
        Instant deadline = Instant.now().plus(SETTLE);
        JsonNode record = engine.deployment(id);
        while (Instant.now().isBefore(deadline)) {
            record = engine.deployment(id);
            if (record.path("state").asText().equals(state)) {
                return;
            }
            EngineProcess.sleep(Duration.ofMillis(250));
        }
        fail("deployment " + id + " did not reach " + state + " after the restart: " + record + "\nhistory: "
                + engine.history(id));
    }

    /** Waits until the engine halts at its crash point; fails at once if the deployment ends without reaching it. */
    private static void awaitCrash(Path marker, EngineProcess engine, String id) {
        Instant deadline = Instant.now().plus(SETTLE);
        for (int polls = 0; !Files.exists(marker); polls++) {
            if (Instant.now().isAfter(deadline)) {
                fail("the engine never reached the crash point (" + marker + ")");
            }
            if (polls % 20 == 19) {
                String state = engine.state(id).orElse("not recorded yet");
                if (state.equals("FAILED") || state.equals("DEPLOYED")) {
                    fail("the deployment ended " + state + " before reaching the crash point: " + engine.deployment(id));
                }
            }
            EngineProcess.sleep(Duration.ofMillis(50));
        }
        assertTrue(Files.exists(marker));
    }

    private String namespace(ClusterHandle cluster, String hint) {
        return designDeclaresNamespace() ? cluster.namespace(hint) : cluster.createNamespace(hint);
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String name() {
        return "contract-" + UUID.randomUUID().toString().substring(0, 8) + ".yaml";
    }
}
