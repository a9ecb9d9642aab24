package io.meshwright.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.spi.model.Gvk;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.time.Clock;
import org.junit.jupiter.api.Test;

@RealCluster
class DiscoveryTest {

    @Test
    void builtInKindsAreServedWithTheirScope(ClusterHandle cluster) {
        Discovery discovery = Discovery.of(cluster.client(), Clock.systemUTC());

        assertThat(discovery.serves(new Gvk("apps", "v1", "Deployment"))).isTrue();
        assertThat(discovery.namespaced(new Gvk("", "v1", "ConfigMap"))).contains(true);
        assertThat(discovery.namespaced(new Gvk("", "v1", "Namespace"))).contains(false);
        assertThat(discovery.namespaced(new Gvk("nowhere.example.com", "v1", "Ghost"))).isEmpty();
        assertThat(discovery.resource(new Gvk("apps", "v1", "Deployment")).orElseThrow().plural()).isEqualTo("deployments");
        assertThat(discovery.resources()).noneMatch(r -> r.plural().contains("/"));
        assertThat(discovery.preferredVersions()).containsEntry("apps", "v1");
    }

    @Test
    void aCrdCreatedBehindDiscoverysBackIsFoundOnTheFirstMiss(ClusterHandle cluster) {
        ClusterFixture f = new ClusterFixture(cluster.client(), "default");
        assertThat(f.discovery.serves(new Gvk("apps", "v1", "Deployment"))).isTrue(); // loads the cache
        String group = CustomResourceTest.uniqueGroup();
        var created = f.applier.apply(CustomResourceTest.crd(group, false), "crd");
        try {
            new CrdWaiter(cluster.client(), Discovery.of(cluster.client(), f.clock), f.clock)
                    .await(java.util.List.of("widgets." + group), java.time.Duration.ofSeconds(30));

            assertThat(f.discovery.serves(new Gvk(group, "v1", "Widget"))).isTrue();
        } finally {
            f.applier.delete(f.journal.entry(f.deploymentId, created.ref()).orElseThrow(), java.time.Duration.ofSeconds(30));
        }
    }
}
