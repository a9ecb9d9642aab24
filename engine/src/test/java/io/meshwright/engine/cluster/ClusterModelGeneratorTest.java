package io.meshwright.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.spi.model.ComponentDefinition;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@RealCluster
class ClusterModelGeneratorTest {

    @Test
    void theClusterGivesAKubernetesModelAndOneModelPerCrdGroup(ClusterHandle cluster) {
        ClusterFixture f = new ClusterFixture(cluster.client(), "default");
        String group = CustomResourceTest.uniqueGroup();
        var crd = f.applier.apply(CustomResourceTest.crd(group, false), "crd");
        try {
            new CrdWaiter(cluster.client(), f.discovery, f.clock).await(List.of("widgets." + group), Duration.ofSeconds(30));

            List<ModelBundle> models = new ClusterModelGenerator(cluster.client(), f.discovery).generate();

            ModelBundle kubernetes = models.get(0);
            assertThat(kubernetes.model().name()).isEqualTo("kubernetes");
            assertThat(kubernetes.model().version()).isEqualTo(cluster.serverVersion());
            assertThat(kubernetes.model().registrant()).isEqualTo("cluster");
            ComponentDefinition deployment = component(kubernetes, new Gvk("apps", "v1", "Deployment"));
            assertThat(deployment.namespaced()).isTrue();
            assertThat(deployment.schema()).containsEntry("$ref", "#/definitions/io.k8s.api.apps.v1.Deployment");
            assertThat(ObjectTree.map(deployment.schema(), "definitions"))
                    .containsKey("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
            assertThat(kubernetes.components()).noneMatch(c -> c.gvk().group().equals(group));

            ModelBundle widgets = models.stream().filter(m -> m.model().name().equals(group)).findFirst().orElseThrow();
            assertThat(widgets.model().registrant()).isEqualTo("cluster");
            ComponentDefinition widget = component(widgets, new Gvk(group, "v1", "Widget"));
            assertThat(ObjectTree.string(widget.schema(), "properties", "spec", "properties", "size", "type"))
                    .contains("integer");
        } finally {
            f.applier.delete(f.journal.entry(f.deploymentId, crd.ref()).orElseThrow(), Duration.ofSeconds(30));
        }
    }

    private static ComponentDefinition component(ModelBundle bundle, Gvk gvk) {
        return bundle.components().stream().filter(c -> c.gvk().equals(gvk)).findFirst().orElseThrow(
                () -> new AssertionError(gvk + " not in model " + bundle.model().name()));
    }
}
