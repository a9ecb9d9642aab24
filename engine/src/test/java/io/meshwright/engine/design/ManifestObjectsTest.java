package io.meshwright.engine.design;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.design.Design;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestObjectsTest {

    private final BuiltinKinds builtins = BuiltinKinds.load();
    private final ManifestObjects objects = new ManifestObjects(KindScopes.builtIn(builtins)::isNamespaced);

    @Test
    void buildsTheObjectFromKindConfigurationAndComponentName() {
        Design design = new DesignParser().parse(RealData.file("meshery-designs/meshery/emojivoto.yaml")).design().orElseThrow();
        ComponentDeclaration voting = design.component("026fada0-f527-4376-acff-cdbc44bbf004").orElseThrow();

        Map<String, Object> object = objects.toObject(voting, "default");

        assertThat(object).containsEntry("apiVersion", "apps/v1").containsEntry("kind", "Deployment");
        assertThat((Map<String, Object>) object.get("metadata")).containsEntry("name", "voting")
                .containsEntry("namespace", "emojivoto").containsKey("labels");
        assertThat(objects.ref(voting, "default").toString()).isEqualTo("Deployment.apps/emojivoto/voting");
    }

    @Test
    void clusterScopedObjectsGetNoNamespaceAndNamespacedOnesGetTheDefault() {
        Design design = new DesignParser().parse("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop, namespace: default}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                """, "scopes.yaml").design().orElseThrow();

        Map<String, Object> namespace = objects.toObject(design.components().get(0), "team");
        Map<String, Object> configMap = objects.toObject(design.components().get(1), "team");

        assertThat((Map<String, Object>) namespace.get("metadata")).doesNotContainKey("namespace");
        assertThat((Map<String, Object>) configMap.get("metadata")).containsEntry("namespace", "team");
        assertThat(design.components().get(0).configuration().get("metadata")).asString().contains("namespace=default");
    }
}
