package io.meshwright.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwright.spi.deploy.ApplyException;
import io.meshwright.spi.deploy.ApplyResult;
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.model.Gvk;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@RealCluster
class CustomResourceTest {

    @Test
    void aCustomResourceWaitsForItsCrdToBeEstablishedAndServed(ClusterHandle cluster) {
        String ns = cluster.createNamespace("cr");
        ClusterFixture f = new ClusterFixture(cluster.client(), ns);
        String group = uniqueGroup();
        Map<String, Object> widget = Yaml.object("""
                apiVersion: %s/v1
                kind: Widget
                metadata: {name: w1}
                spec: {size: 3}
                """.formatted(group));
        assertThat(f.applier.view().serves(new Gvk(group, "v1", "Widget"))).isFalse();
        assertThatThrownBy(() -> f.applier.apply(widget, "cr")).isInstanceOf(ApplyException.class);

        ApplyResult crd = f.applier.apply(crd(group, false), "crd");
        try {
            CrdWaiter.Result waited = new CrdWaiter(cluster.client(), f.discovery, f.clock)
                    .await(List.of("widgets." + group), Duration.ofSeconds(30));

            assertThat(waited.allReady()).as(waited.notReady().toString()).isTrue();
            assertThat(f.applier.view().serves(new Gvk(group, "v1", "Widget"))).isTrue();
            assertThat(f.applier.view().readiness(crd.ref()).isReady()).isTrue();
            ApplyResult applied = f.applier.apply(widget, "cr");
            assertThat(applied.ref().namespace()).isEqualTo(ns);
            assertThat(f.applier.view().awaitReady(applied.ref(), Duration.ofSeconds(5)).isReady()).isTrue();
        } finally {
            f.applier.delete(f.journal.entry(f.deploymentId, crd.ref()).orElseThrow(), Duration.ofSeconds(30));
        }
    }

    @Test
    void waitingForACrdThatNeverComesSaysSoAfterTheTimeout(ClusterHandle cluster) {
        ClusterFixture f = new ClusterFixture(cluster.client(), "default");

        CrdWaiter.Result waited = new CrdWaiter(cluster.client(), f.discovery, f.clock)
                .await(List.of("ghosts." + uniqueGroup()), Duration.ofMillis(500));

        assertThat(waited.allReady()).isFalse();
        assertThat(waited.notReady()).containsValue("not found");
    }

    @Test
    void aCrdWithCelRulesIsCreatedInsteadOfAppliedOnAnOldServerWithAWarning(ClusterHandle cluster) {
        ClusterFixture f = new ClusterFixture(cluster.client(), "default");
        String group = uniqueGroup();

        ApplyResult applied = f.applier.apply(crd(group, true), "crd");
        try {
            assertThat(applied.created()).isTrue();
            assertThat(cluster.client().apiextensions().v1().customResourceDefinitions()
                    .withName("widgets." + group).get()).isNotNull();
            if (cluster.serverVersion().startsWith("v1.20")) {
                assertThat(f.events.stream().anyMatch(e -> e.type().equals("object.apply-fallback") && e.severity() == io.meshwright.spi.Severity.WARNING)).isTrue();
                assertThat(f.events).filteredOn(e -> e.type().equals("object.apply-fallback"))
                        .singleElement().satisfies(e -> assertThat(e.message()).contains("x-kubernetes-validations"));
            }
            ApplyResult again = f.applier.apply(crd(group, true), "crd");
            assertThat(again.uid()).isEqualTo(applied.uid());
        } finally {
            DeleteOutcome removed = f.applier.delete(f.journal.entry(f.deploymentId, applied.ref()).orElseThrow(),
                    Duration.ofSeconds(30));
            assertThat(removed).isInstanceOf(DeleteOutcome.Deleted.class);
        }
    }

    static String uniqueGroup() {
        return "t" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
    }

    static Map<String, Object> crd(String group, boolean withCel) {
        String cel = withCel ? "x-kubernetes-validations: [{rule: \"self.size >= 0\", message: \"size must not be negative\"}]" : "";
        return Yaml.object("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.%1$s}
                spec:
                  group: %1$s
                  scope: Namespaced
                  names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            %2$s
                            properties:
                              size: {type: integer}
                """.formatted(group, cel));
    }
}
