package io.meshwright.plugins.git.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.plugins.git.EngineGlue;
import io.meshwright.plugins.git.GitDaemon;
import io.meshwright.plugins.git.Manifests;
import io.meshwright.plugins.git.TestRepository;
import io.meshwright.plugins.git.repo.GitRepositories;
import io.meshwright.spi.deploy.DeploymentPart;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.PartOutcome;
import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.event.Event;
import io.meshwright.spi.event.EventSink;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.SourceRef;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploys a real repository's folder (served by {@code git daemon} on loopback, and over {@code file://}) onto
 * the local control plane at commit A (CRD, namespace, config, a custom resource), then at commit B that drops
 * the CRD, the namespace and the custom resource, then undeploys: zero objects carry the label afterwards.
 */
@RealCluster
class GitDeployerTest {

    @TempDir
    Path work;

    private EngineGlue engine;
    private GitDeployer deployer;
    private KubernetesClient client;
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp(ClusterHandle cluster) {
        engine = new EngineGlue(cluster, work.resolve("data").toFile().mkdirs() ? work.resolve("data") : work.resolve("data"));
        EventSink sink = new EventSink() {
            @Override
            public void publish(Event event) {
                events.add(event);
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }
        };
        deployer = new GitDeployer(new GitRepositories(work.resolve("cache")), sink, Clock.systemUTC());
        client = cluster.client();
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    @Test
    void overGitDaemonACommitThatDropsTheCrdAndTheNamespaceIsPrunedAndUndeployLeavesZero(ClusterHandle cluster) {
        assumeTrue(GitDaemon.available(), "no git binary (apt-get install git) to run git daemon");
        String partNamespace = cluster.createNamespace("gitpart");
        String own = cluster.namespace("gitown");
        Path served = work.resolve("served");
        try (TestRepository repo = TestRepository.create(served.resolve("manifests"));
                GitDaemon daemon = GitDaemon.serve(served)) {
            String a = repo.commit("A", Manifests.commitA(own), List.of());
            DeploymentPart part = part("dep-git", daemon.url("manifests"), partNamespace);

            PartOutcome first = deployer.deploy(part, engine.applier("dep-git"));

            assertThat(first).as(String.valueOf(first)).isInstanceOf(PartOutcome.Applied.class);
            assertThat(names(engine.inventory("dep-git"))).containsExactlyInAnyOrder(
                    "CustomResourceDefinition.apiextensions.k8s.io/" + Manifests.CRD_NAME,
                    "Namespace/" + own,
                    "ConfigMap/" + partNamespace + "/settings",
                    "ConfigMap/" + own + "/own-settings",
                    "Widget.gitplugin.meshwright.test/" + own + "/first");
            assertThat(engine.inventory("dep-git")).allMatch(e -> e.uid() != null && !e.preExisting());
            assertThat(commits()).containsExactly(a);

            assertThat(deployer.deploy(part, engine.applier("dep-git"))).isInstanceOf(PartOutcome.Unchanged.class);

            String b = repo.commit("B drops the CRD, the namespace and the widget",
                    Map.of("deploy/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {color: green}\n"),
                    List.of("deploy/crds/widget-crd.yaml", "deploy/namespace.yaml", "deploy/widgets/first.yaml"));
            PartOutcome second = deployer.deploy(part, engine.applier("dep-git"));

            assertThat(second).as(String.valueOf(second)).isInstanceOf(PartOutcome.Applied.class);
            assertThat(names(engine.inventory("dep-git"))).containsExactly("ConfigMap/" + partNamespace + "/settings");
            assertThat(client.configMaps().inNamespace(partNamespace).withName("settings").get().getData())
                    .containsEntry("color", "green");
            assertThat(client.apiextensions().v1().customResourceDefinitions().withName(Manifests.CRD_NAME).get()).isNull();
            assertThat(client.namespaces().withName(own).get()).isNull();
            assertThat(commits()).containsExactly(a, a, b);

            assertThat(deployer.undeploy(part, engine.inventory("dep-git"), engine.applier("dep-git")))
                    .isInstanceOf(PartOutcome.Unchanged.class);
            engine.sweep("dep-git");
            assertThat(engine.labelled("dep-git")).isEmpty();
            assertThat(engine.inventory("dep-git")).isEmpty();
        }
    }

    @Test
    void overFileUrlsAPinnedCommitDeploysThatCommitAndUndeployLeavesZero(ClusterHandle cluster) {
        String partNamespace = cluster.createNamespace("gitfile");
        String own = cluster.namespace("gitfileown");
        try (TestRepository repo = TestRepository.create(work.resolve("repo"))) {
            String a = repo.commit("A", Manifests.commitA(own), List.of());
            repo.commit("B", Map.of("deploy/later.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: later}\n"), List.of());
            DeploymentPart part = new DeploymentPart("dep-file", component(new SourceRef("git", repo.fileUrl(), a, "deploy",
                    Map.of("exclude", "skip/**"))), partNamespace);

            assertThat(deployer.deploy(part, engine.applier("dep-file"))).isInstanceOf(PartOutcome.Applied.class);

            assertThat(names(engine.inventory("dep-file"))).hasSize(5).doesNotContain(
                    "ConfigMap/" + partNamespace + "/later", "ConfigMap/" + partNamespace + "/excluded");
            assertThat(commits()).containsExactly(a);
            engine.sweep("dep-file");
            assertThat(engine.labelled("dep-file")).isEmpty();
        }
    }

    @Test
    void aRedeployAppliesOnlyWhatChangedSinceTheLastDeployAndReappliesAnObjectDeletedByHand(ClusterHandle cluster) {
        String partNamespace = cluster.createNamespace("gitdelta");
        GitDeployer recording = new GitDeployer(new GitRepositories(work.resolve("cache")), work.resolve("deployed"),
                new EventSink() {
                    @Override
                    public void publish(Event event) {
                    }

                    @Override
                    public Clock clock() {
                        return Clock.systemUTC();
                    }
                }, Clock.systemUTC());
        try (TestRepository repo = TestRepository.create(work.resolve("repo"))) {
            Map<String, String> files = new java.util.TreeMap<>();
            for (String name : List.of("alpha", "bravo", "charlie", "delta", "echo")) {
                files.put("deploy/" + name + ".yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name
                        + "}\ndata: {v: \"1\"}\n");
            }
            repo.commit("A", files, List.of());
            DeploymentPart part = new DeploymentPart("dep-delta", component(new SourceRef("git", repo.fileUrl(), "main",
                    "deploy", Map.of())), partNamespace);
            CountingApplier first = new CountingApplier(engine.applier("dep-delta"));
            assertThat(recording.deploy(part, first)).isInstanceOf(PartOutcome.Applied.class);
            assertThat(first.applied).hasSize(5);

            repo.commit("B changes charlie", Map.of("deploy/charlie.yaml",
                    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: charlie}\ndata: {v: \"2\"}\n"), List.of());
            CountingApplier second = new CountingApplier(engine.applier("dep-delta"));
            PartOutcome outcome = recording.deploy(part, second);

            assertThat(outcome).isInstanceOf(PartOutcome.Applied.class);
            assertThat(second.applied).containsExactly("charlie");
            assertThat(client.configMaps().inNamespace(partNamespace).withName("charlie").get().getData()).containsEntry("v", "2");
            assertThat(((PartOutcome.Applied) outcome).objects()).hasSize(5);

            // Someone deletes an object, and edits another: both are applied again although their files did not change.
            client.configMaps().inNamespace(partNamespace).withName("alpha").withTimeout(30, java.util.concurrent.TimeUnit.SECONDS).delete();
            client.configMaps().inNamespace(partNamespace).withName("bravo").edit(c -> {
                c.getData().put("v", "edited");
                return c;
            });
            CountingApplier third = new CountingApplier(engine.applier("dep-delta"));
            assertThat(recording.deploy(part, third)).isInstanceOf(PartOutcome.Applied.class);
            assertThat(third.applied).containsExactlyInAnyOrder("alpha", "bravo");
            assertThat(client.configMaps().inNamespace(partNamespace).withName("alpha").get()).isNotNull();
            assertThat(client.configMaps().inNamespace(partNamespace).withName("bravo").get().getData()).containsEntry("v", "1");

            CountingApplier fourth = new CountingApplier(engine.applier("dep-delta"));
            assertThat(recording.deploy(part, fourth)).isInstanceOf(PartOutcome.Unchanged.class);
            assertThat(fourth.applied).isEmpty();
            engine.sweep("dep-delta");
            assertThat(engine.labelled("dep-delta")).isEmpty();
        }
    }

    @Test
    void anEditLandingWhileTheDeployIsStillGoingIsAppliedAgainByTheNextDeploy(ClusterHandle cluster) {
        String partNamespace = cluster.createNamespace("gitrace");
        GitDeployer recording = new GitDeployer(new GitRepositories(work.resolve("cache")), work.resolve("deployed"),
                new EventSink() {
                    @Override
                    public void publish(Event event) {
                    }

                    @Override
                    public Clock clock() {
                        return Clock.systemUTC();
                    }
                }, Clock.systemUTC());
        try (TestRepository repo = TestRepository.create(work.resolve("repo"))) {
            repo.commit("A", Map.of(
                    "deploy/alpha.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: alpha}\ndata: {v: \"1\"}\n",
                    "deploy/bravo.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bravo}\ndata: {v: \"1\"}\n"),
                    List.of());
            DeploymentPart part = new DeploymentPart("dep-race", component(new SourceRef("git", repo.fileUrl(), "main",
                    "deploy", Map.of())), partNamespace);
            CountingApplier first = new CountingApplier(engine.applier("dep-race"));
            // Someone edits bravo after its apply, before the deploy has recorded what it left.
            first.afterApply = () -> client.configMaps().inNamespace(partNamespace).withName("bravo").edit(c -> {
                c.getData().put("v", "edited");
                return c;
            });
            assertThat(recording.deploy(part, first)).isInstanceOf(PartOutcome.Applied.class);
            assertThat(client.configMaps().inNamespace(partNamespace).withName("bravo").get().getData())
                    .containsEntry("v", "edited");

            CountingApplier second = new CountingApplier(engine.applier("dep-race"));
            recording.deploy(part, second);

            assertThat(second.applied).as("the edit is not what the deploy left").containsExactly("bravo");
            assertThat(client.configMaps().inNamespace(partNamespace).withName("bravo").get().getData())
                    .containsEntry("v", "1");
            engine.sweep("dep-race");
        }
    }

    @Test
    void aRefThatIsNotInTheRepositoryFailsThePartNamingTheRef() {
        try (TestRepository repo = TestRepository.create(work.resolve("repo"))) {
            repo.commit("A", Map.of("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"), List.of());
            DeploymentPart part = new DeploymentPart("dep-bad", component(new SourceRef("git", repo.fileUrl(), "v9.9.9", null,
                    Map.of())), "default");

            PartOutcome outcome = deployer.deploy(part, engine.applier("dep-bad"));

            assertThat(outcome).isInstanceOf(PartOutcome.Failed.class);
            assertThat(((PartOutcome.Failed) outcome).message()).contains("ref v9.9.9 is not a branch, tag or commit of file://");
        }
    }

    @Test
    void aSelectionWithNoObjectsFailsThePartAndPrunesNothing() {
        try (TestRepository repo = TestRepository.create(work.resolve("repo"))) {
            repo.commit("A", Map.of("deploy/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"), List.of());
            DeploymentPart part = new DeploymentPart("dep-empty", component(new SourceRef("git", repo.fileUrl(), "main", "deploy",
                    Map.of("include", "**/*.yml"))), "default");

            PartOutcome outcome = deployer.deploy(part, engine.applier("dep-empty"));

            assertThat(outcome).isInstanceOf(PartOutcome.Failed.class);
            assertThat(((PartOutcome.Failed) outcome).message()).contains(":deploy (check path, include and exclude)");
        }
    }

    private static DeploymentPart part(String deploymentId, String url, String namespace) {
        return new DeploymentPart(deploymentId, component(new SourceRef("git", url, "main", "deploy",
                Map.of("exclude", "skip/**"))), namespace);
    }

    private static ComponentDeclaration component(SourceRef source) {
        return new ComponentDeclaration("manifests", "manifests", null, new Gvk("git.meshwright.io", "v1", "Repository"),
                null, Map.of(), List.of(), false, source, null);
    }

    private List<String> commits() {
        return events.stream().filter(e -> e.type().equals("git.commit"))
                .map(e -> ((Event.Note) e).attributes().get("commit")).toList();
    }

    private static List<String> names(List<InventoryEntry> entries) {
        return entries.stream().map(e -> e.ref().toString()).toList();
    }
}
