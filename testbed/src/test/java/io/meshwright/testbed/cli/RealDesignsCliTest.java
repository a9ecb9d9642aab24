package io.meshwright.testbed.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Meshery's own designs as a user meets them (issue "First hour"): each command a {@code meshwright} process of the
 * built distribution, against {@code meshwright serve} on a real control plane. emojivoto's namespace is planned
 * and made; valid_design's Namespace {@code default} is kept as found; kubernetes_basic stops before its first
 * write. Skipped, saying why, without the shared real data ({@code ../shared/real-data}).
 */
@RealCluster
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealDesignsCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path designs;
    private Distribution distribution;
    private Distribution.Engine engine;

    @BeforeAll
    void startAnEngine(@TempDir Path dir, ClusterHandle cluster) throws Exception {
        designs = upward("../shared/real-data/meshery-designs");
        Assumptions.assumeTrue(designs != null, "the shared real-data folder (../shared/real-data) is not present");
        distribution = Distribution.built(dir.resolve("home"));
        engine = distribution.serve(dir.resolve("data"), dir.resolve("logs"), "--kubeconfig", cluster.kubeconfig().toString());
    }

    @AfterAll
    void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void emojivotosPlanShowsItsNamespaceCreatedAndApplyAndDeleteWork(ClusterHandle cluster) throws Exception {
        String file = designs.resolve("meshery/emojivoto.yaml").toString();
        KubernetesClient client = cluster.client();
        assertThat(client.namespaces().withName("emojivoto").get()).as("the cluster has no emojivoto yet").isNull();

        Distribution.Run plan = distribution.cli(engine, "design", "plan", "-f", file);
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out().lines().findFirst()).as("the namespace comes first").hasValue("Namespace/emojivoto");
        assertThat(plan.out()).contains("0 refused");
        JsonNode planned = JSON.readTree(distribution.cli(engine, "design", "plan", "-f", file, "-o", "json").out());
        assertThat(StreamSupport.stream(planned.path("dryRun").spliterator(), false)
                .filter(check -> check.path("ref").path("gvk").path("kind").asText().equals("Namespace"))
                .map(check -> check.path("ref").path("name").asText() + " " + check.path("verdict").asText()))
                .containsExactly("emojivoto create");

        Distribution.Run apply = distribution.cli(engine, "design", "apply", "-f", file);
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.out()).contains("DEPLOYED in").contains("11 object(s) in the inventory");
        assertThat(apply.out().strip().lines().toList().getLast()).as("the summary comes after the progress")
                .contains("DEPLOYED in");
        assertThat(client.namespaces().withName("emojivoto").get()).isNotNull();

        Distribution.Run delete = distribution.cli(engine, "design", "delete", "-f", file);
        assertThat(delete.exitCode()).as(delete.out() + delete.err()).isZero();
        assertThat(delete.out()).contains("UNDEPLOYED, 0 left");
        assertThat(client.namespaces().withName("emojivoto").get()).isNull();
    }

    @Test
    void validDesignsDefaultNamespaceExistsUnchangedAndIsKept(ClusterHandle cluster) throws Exception {
        String file = designs.resolve("meshkit/valid_design.yml").toString();
        KubernetesClient client = cluster.client();
        String defaultUid = client.namespaces().withName("default").get().getMetadata().getUid();

        Distribution.Run apply = distribution.cli(engine, "design", "apply", "-f", file);
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.out()).contains("level 1/2: 0 applied, 1 unchanged").contains("DEPLOYED in");
        assertThat(client.namespaces().withName("default").get().getMetadata().getLabels())
                .as("not modified").doesNotContainKey("meshwright.io/deployment");

        Distribution.Run delete = distribution.cli(engine, "design", "delete", "-f", file);
        assertThat(delete.exitCode()).as(delete.out() + delete.err()).isZero();
        assertThat(delete.out()).containsPattern("Namespace/default +kept +existed before the deployment, declared unchanged; kept")
                .contains("UNDEPLOYED, 0 left");
        assertThat(client.namespaces().withName("default").get().getMetadata().getUid()).isEqualTo(defaultUid);
    }

    @Test
    void kubernetesBasicStopsBeforeItsFirstWriteWithTheServersProblems(ClusterHandle cluster) throws Exception {
        String file = designs.resolve("schemas/design.yml").toString();

        Distribution.Run apply = distribution.cli(engine, "design", "apply", "-f", file);

        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isNotZero();
        assertThat(apply.out()).contains("FAILED").contains("nothing was applied").contains("0 object(s) in the inventory")
                // located where the design declares each object, with the server's words
                .containsPattern("schemas/design\\.yml:\\d+:\\d+ \\(services\\.service-rk\\): Service/helloah/service-rk: "
                        + "422 Invalid: Service \"service-rk\" is invalid: spec\\.ports: Required value")
                .containsPattern("schemas/design\\.yml:\\d+:\\d+ \\(services\\.pod-dd\\): Pod/helloah/pod-dd: "
                        + "422 Invalid: Pod \"pod-dd\" is invalid: spec\\.containers: Required value")
                .doesNotContain("applying");
        assertThat(cluster.client().namespaces().withName("helloah").get()).as("not even the namespace").isNull();
    }

    /** {@code relative} resolved against the working directory or the nearest parent that has it; null if none. */
    private static Path upward(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative).normalize();
            }
        }
        return null;
    }
}
