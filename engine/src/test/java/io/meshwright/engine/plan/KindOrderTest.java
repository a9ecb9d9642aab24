package io.meshwright.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.spi.model.Gvk;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class KindOrderTest {

    private final KindOrder order = KindOrder.defaults();

    @Test
    void everyStageSaysWhyItStandsWhereItDoes() {
        assertThat(order.stages()).allSatisfy(stage -> assertThat(stage.why()).isNotBlank());
        assertThat(order.stages()).filteredOn(KindOrder.Stage::isDefault).hasSize(1);
    }

    @Test
    void deploysNamespacesAndCrdsFirstAndWebhooksLast() {
        Gvk namespace = new Gvk("", "v1", "Namespace");
        Gvk crd = new Gvk("apiextensions.k8s.io", "v1", "CustomResourceDefinition");
        Gvk webhook = new Gvk("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration");
        assertThat(order.deployRank(namespace)).isZero().isEqualTo(order.deployRank(crd));
        assertThat(order.deployRank(webhook)).isEqualTo(order.stages().size() - 1);
    }

    @Test
    void matchesWholeApiGroupsForMeshPolicy() {
        assertThat(order.stageOf(new Gvk("networking.istio.io", "v1", "VirtualService")).name())
                .isEqualTo("networking-and-policy");
        assertThat(order.stageOf(new Gvk("example.com", "v1", "Widget")).name()).isEqualTo("custom-resources");
    }

    @Test
    void undeployRemovesWebhooksAndCustomResourcesBeforeWorkloadsAndCrdsAndNamespacesLast() {
        List<Gvk> kinds = List.of(
                new Gvk("", "v1", "Namespace"),
                new Gvk("apiextensions.k8s.io", "v1", "CustomResourceDefinition"),
                new Gvk("", "v1", "ConfigMap"),
                new Gvk("apps", "v1", "Deployment"),
                new Gvk("", "v1", "Service"),
                new Gvk("example.com", "v1", "Widget"),
                new Gvk("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration"));

        List<String> undeploy = kinds.stream().sorted(Comparator.comparingInt(order::undeployRank)
                .thenComparing(Gvk::kind)).map(Gvk::kind).toList();

        assertThat(undeploy).containsExactly("MutatingWebhookConfiguration", "Widget", "Deployment", "Service",
                "ConfigMap", "CustomResourceDefinition", "Namespace");
    }
}
