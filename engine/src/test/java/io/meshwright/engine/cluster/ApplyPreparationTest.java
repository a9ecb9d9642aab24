package io.meshwright.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.model.Gvk;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplyPreparationTest {

    @Test
    void servicePortsWithoutProtocolGetTcpBecauseOldServersRefuseThemUnderApply() {
        Map<String, Object> service = Map.of("apiVersion", "v1", "kind", "Service",
                "metadata", Map.of("name", "web"),
                "spec", Map.of("ports", List.of(Map.of("port", 80), Map.of("port", 53, "protocol", "UDP"))));

        Map<String, Object> body = ApplyPreparation.prepare(service, ref("", "v1", "Service", "shop", "web"), "d1", "p1");

        assertThat(ObjectTree.maps(body, "spec", "ports")).extracting(p -> p.get("protocol")).containsExactly("TCP", "UDP");
        assertThat(ObjectTree.maps(service, "spec", "ports").get(0)).doesNotContainKey("protocol");
    }

    @Test
    void containerPortsInAWorkloadTemplateGetTcp() {
        Map<String, Object> deployment = Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", "web"),
                "spec", Map.of("template", Map.of("spec", Map.of(
                        "containers", List.of(Map.of("name", "app", "ports", List.of(Map.of("containerPort", 8080)))),
                        "initContainers", List.of(Map.of("name", "init", "ports", List.of(Map.of("containerPort", 9))))))));

        Map<String, Object> body = ApplyPreparation.prepare(deployment, ref("apps", "v1", "Deployment", "shop", "web"), "d1", "p1");

        assertThat(ObjectTree.maps(ObjectTree.maps(body, "spec", "template", "spec", "containers").get(0), "ports").get(0))
                .containsEntry("protocol", "TCP");
        assertThat(ObjectTree.maps(ObjectTree.maps(body, "spec", "template", "spec", "initContainers").get(0), "ports").get(0))
                .containsEntry("protocol", "TCP");
    }

    @Test
    void customResourcesKeepTheirPortsAsDeclared() {
        Map<String, Object> widget = Map.of("apiVersion", "example.com/v1", "kind", "Widget",
                "metadata", Map.of("name", "w"),
                "spec", Map.of("ports", List.of(Map.of("port", 80))));

        Map<String, Object> body = ApplyPreparation.prepare(widget, ref("example.com", "v1", "Widget", "shop", "w"), "d1", "p1");

        assertThat(ObjectTree.maps(body, "spec", "ports").get(0)).doesNotContainKey("protocol");
    }

    @Test
    void everyObjectIsLabelledWithTheDeploymentAndAnnotatedWithItsPart() {
        Map<String, Object> config = Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "settings", "labels", Map.of("app", "shop")));

        Map<String, Object> body = ApplyPreparation.prepare(config, ref("", "v1", "ConfigMap", "shop", "settings"), "d1", "part-7");

        assertThat(ObjectTree.map(body, "metadata", "labels"))
                .containsEntry("app", "shop").containsEntry("meshwright.io/deployment", "d1");
        assertThat(ObjectTree.map(body, "metadata", "annotations")).containsEntry("meshwright.io/part", "part-7");
        assertThat(ObjectTree.string(body, "metadata", "namespace")).contains("shop");
    }

    @Test
    void serverOwnedMetadataAndAClusterScopedNamespaceAreDropped() {
        Map<String, Object> namespace = Map.of("apiVersion", "v1", "kind", "Namespace",
                "metadata", Map.of("name", "shop", "namespace", "default", "resourceVersion", "42", "uid", "u-1",
                        "managedFields", List.of(), "creationTimestamp", "2026-01-01T00:00:00Z"));

        Map<String, Object> body = ApplyPreparation.prepare(namespace, ref("", "v1", "Namespace", null, "shop"), "d1", "p1");

        assertThat(ObjectTree.map(body, "metadata")).containsOnlyKeys("name", "labels", "annotations");
    }

    @Test
    void celRulesAreFoundAnywhereInACrdSchema() {
        Map<String, Object> crd = Map.of("spec", Map.of("versions", List.of(Map.of("schema", Map.of("openAPIV3Schema",
                Map.of("properties", Map.of("spec", Map.of("x-kubernetes-validations",
                        List.of(Map.of("rule", "self.a > 0")))))))))); 

        assertThat(ApplyPreparation.carriesCelRules(crd)).isTrue();
        assertThat(ApplyPreparation.carriesCelRules(Map.of("spec", Map.of("group", "example.com")))).isFalse();
    }

    private static ResourceRef ref(String group, String version, String kind, String namespace, String name) {
        return new ResourceRef(new Gvk(group, version, kind), namespace, name);
    }
}
