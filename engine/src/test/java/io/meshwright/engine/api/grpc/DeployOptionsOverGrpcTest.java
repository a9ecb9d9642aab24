package io.meshwright.engine.api.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.meshwright.engine.Engine;
import io.meshwright.engine.EngineConfig;
import io.meshwright.engine.lifecycle.WaitPolicy;
import io.meshwright.proto.engine.v1.DeployOptions;
import io.meshwright.proto.engine.v1.DeployRequest;
import io.meshwright.proto.engine.v1.Deployment;
import io.meshwright.proto.engine.v1.EngineGrpc;
import io.meshwright.proto.engine.v1.UndeployOptions;
import io.meshwright.proto.engine.v1.UndeployReply;
import io.meshwright.proto.engine.v1.UndeployRequest;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy and undeploy options the HTTP API and the CLI have, given over gRPC to a real engine on loopback that
 * deploys to the local control plane: each does what its HTTP twin does.
 */
@RealCluster
class DeployOptionsOverGrpcTest {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private ClusterHandle cluster;
    private Engine engine;
    private ManagedChannel channel;

    @BeforeEach
    void start(ClusterHandle cluster) {
        this.cluster = cluster;
        EngineConfig config = new EngineConfig("127.0.0.1", 0, 0, dataDir, Optional.empty(), Optional.of(cluster.kubeconfig()),
                Optional.empty(), WaitPolicy.NONE, Duration.ofMinutes(1)).withSync(new EngineConfig.SyncSettings(false, "local"));
        engine = Engine.start(config, Clock.systemUTC());
        channel = NettyChannelBuilder.forAddress("127.0.0.1", engine.grpcPort()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        engine.close();
    }

    @Test
    void pruneReplacesAVersionThatSharesNoObjectOnlyWhenAsked() {
        String ns = cluster.createNamespace("grpc-prune");
        Deployment first = deploy(configMaps(ns, "twins", "app-a"), DeployOptions.getDefaultInstance());
        assertThat(first.getState()).as(first.getCause()).isEqualTo("DEPLOYED");

        assertThatThrownBy(() -> deploy(configMaps(ns, "twins", "db"), DeployOptions.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).contains("shares no object").contains("--prune");
                });
        assertThat(cluster.client().configMaps().inNamespace(ns).withName("app-a").get()).isNotNull();

        Deployment replaced = deploy(configMaps(ns, "twins", "db"), DeployOptions.newBuilder().setPrune(true).build());

        assertThat(replaced.getState()).as(replaced.getCause()).isEqualTo("DEPLOYED");
        assertThat(cluster.client().configMaps().inNamespace(ns).withName("app-a").get()).as("pruned").isNull();
        assertThat(cluster.client().configMaps().inNamespace(ns).withName("db").get()).isNotNull();
    }

    @Test
    void withoutNamespaceCreationAMissingNamespaceIsRefusedAndUnsetCreatesIt() {
        String ns = cluster.namespace("grpc-nons");
        String design = configMaps(ns, "nons", "cm");

        Deployment refused = deploy(design, DeployOptions.newBuilder().setCreateNamespaces(false).build());

        assertThat(refused.getState()).isEqualTo("FAILED");
        assertThat(refused.getCause()).contains("namespace " + ns).contains("nothing was applied");
        assertThat(cluster.client().namespaces().withName(ns).get()).isNull();

        Deployment created = deploy(design, DeployOptions.getDefaultInstance());

        assertThat(created.getState()).as(created.getCause()).isEqualTo("DEPLOYED");
        assertThat(cluster.client().namespaces().withName(ns).get()).isNotNull();
        assertThat(undeploy(created.getId(), UndeployOptions.getDefaultInstance()).getDeployment().getState()).isEqualTo("UNDEPLOYED");
    }

    @Test
    void optionsLeftOutAreTheEnginesDefaultsAndTrustSourceReachesTheDeployment() {
        String ns = cluster.createNamespace("grpc-trust");

        Deployment deployed = deploy(configMaps(ns, "trusting", "cm"),
                DeployOptions.newBuilder().setInstallDependencies(true).setTrustSource(true).build());

        assertThat(deployed.getState()).as(deployed.getCause()).isEqualTo("DEPLOYED");
        // The options the deployment was recorded with (what a resume after a restart deploys with).
        assertThat(storedOptions(deployed.getId()))
                .contains("\"trustSources\":true", "\"installDependencies\":true", "\"createNamespaces\":true")
                .as("serve --wait none --timeout 1m, not the built-in defaults")
                .contains("\"waitPolicy\":\"NONE\"", "\"timeoutSeconds\":60");
    }

    @Test
    void adoptTakesOverAnExistingObjectWhichUndeployKeepsUnlessDeletePreExisting() {
        String ns = cluster.createNamespace("grpc-adopt");
        cluster.client().configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("existing")
                .endMetadata().addToData("other", "x").build()).create();
        String design = configMaps(ns, "adopting", "existing");

        // The design would change it (add k: v): taking it over needs adopt.
        Deployment refused = deploy(design, DeployOptions.getDefaultInstance());
        assertThat(refused.getState()).isEqualTo("FAILED");
        assertThat(cluster.client().configMaps().inNamespace(ns).withName("existing").get().getData()).doesNotContainKey("k");

        Deployment adopted = deploy(design, DeployOptions.newBuilder().setAdoptExisting(true).build());
        assertThat(adopted.getState()).as(adopted.getCause()).isEqualTo("DEPLOYED");
        UndeployReply kept = undeploy(adopted.getId(), UndeployOptions.getDefaultInstance());
        assertThat(kept.getOutcomesList()).singleElement().satisfies(o -> assertThat(o.getOutcome()).isEqualTo("KEPT"));
        assertThat(cluster.client().configMaps().inNamespace(ns).withName("existing").get()).isNotNull();

        Deployment again = deploy(design, DeployOptions.newBuilder().setAdoptExisting(true).build());
        UndeployReply deleted = undeploy(again.getId(), UndeployOptions.newBuilder().setDeletePreExisting(true).build());
        assertThat(deleted.getOutcomesList()).singleElement().satisfies(o -> assertThat(o.getOutcome()).isEqualTo("DELETED"));
        assertThat(cluster.client().configMaps().inNamespace(ns).withName("existing").get()).isNull();
    }

    @Test
    void removeCrdsFalseKeepsTheCrdTheDeploymentCreated() {
        String group = cluster.namespace("grpc-keep") + ".example.com";
        String crd = """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.GROUP}
                spec:
                  group: GROUP
                  scope: Namespaced
                  names: {plural: widgets, singular: widget, kind: Widget}
                  versions:
                    - name: v1
                      served: true
                      storage: true
                      schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                """.replace("GROUP", group);
        Deployment deployed = engine().deploy(DeployRequest.newBuilder().setDesignYaml(crd).setName("keep-crds").build());
        assertThat(deployed.getState()).as(deployed.getCause()).isEqualTo("DEPLOYED");
        try {
            UndeployReply reply = undeploy(deployed.getId(), UndeployOptions.newBuilder().setRemoveCrds(false).build());

            assertThat(reply.getOutcomesList()).singleElement().satisfies(o -> assertThat(o.getOutcome()).isEqualTo("KEPT"));
            assertThat(cluster.client().apiextensions().v1().customResourceDefinitions().withName("widgets." + group).get())
                    .as("kept as asked").isNotNull();
        } finally {
            cluster.client().apiextensions().v1().customResourceDefinitions().withName("widgets." + group).delete();
        }
    }

    @Test
    void aSavedDesignDeploysByNameAndTextWithANameIsRefused() throws Exception {
        String ns = cluster.createNamespace("grpc-saved");
        HttpResponse<String> saved = http.send(HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/api/designs?name=stored"))
                .header("Authorization", "Bearer " + engine.token()).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(configMaps(ns, "stored", "from-store")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(saved.statusCode()).as(saved.body()).isBetween(200, 201);

        Deployment deployed = engine().deploy(DeployRequest.newBuilder().setSavedDesign("stored").setSavedVersion(1).build());

        assertThat(deployed.getState()).as(deployed.getCause()).isEqualTo("DEPLOYED");
        assertThat(deployed.getDesignName()).isEqualTo("stored");
        assertThat(cluster.client().configMaps().inNamespace(ns).withName("from-store").get()).isNotNull();
        assertThatThrownBy(() -> engine().deploy(DeployRequest.newBuilder().setSavedDesign("stored").setDesignYaml("x: 1").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("design_yaml and saved_design");
                });
    }

    private Deployment deploy(String design, DeployOptions options) {
        return engine().deploy(DeployRequest.newBuilder().setDesignYaml(design).setName(nameOf(design)).setOptions(options).build());
    }

    private String storedOptions(String id) {
        return engine.database().read(connection -> {
            try (var query = connection.prepareStatement("SELECT options_json FROM deployments WHERE id = ?")) {
                query.setString(1, id);
                try (var rows = query.executeQuery()) {
                    return rows.next() ? rows.getString(1) : "";
                }
            }
        });
    }

    private UndeployReply undeploy(String id, UndeployOptions options) {
        return engine().undeploy(UndeployRequest.newBuilder().setDeploymentId(id).setOptions(options).build());
    }

    private EngineGrpc.EngineBlockingStub engine() {
        return EngineGrpc.newBlockingStub(channel).withCallCredentials(bearer(engine.token()))
                .withDeadlineAfter(2, TimeUnit.MINUTES);
    }

    /** Plain manifests of ConfigMaps in {@code ns}, led by a comment naming the design (read back by {@link #nameOf}). */
    private static String configMaps(String ns, String design, String... names) {
        StringBuilder text = new StringBuilder("# name: " + design + "\n");
        for (String name : names) {
            text.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ").append(name).append(", namespace: ")
                    .append(ns).append("}\ndata: {k: v}\n");
        }
        return text.toString();
    }

    private static String nameOf(String design) {
        return design.lines().findFirst().orElseThrow().substring("# name: ".length());
    }

    private static CallCredentials bearer(String token) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata headers = new Metadata();
                headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
                applier.apply(headers);
            }
        };
    }
}
