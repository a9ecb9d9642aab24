package io.meshwright.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.engine.cluster.TargetCluster;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.model.Gvk;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A part rendered from a source (a Git folder) holding a namespace, a CRD and objects that need them: the plan
 * preview leaves the custom resource un-dry-run while its CRD is not served, and knows the part's namespaces.
 */
class PartDefinesTest {

    private static final List<Map<String, Object>> RENDERED = List.of(
            Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", "own")),
            Map.of("apiVersion", "apiextensions.k8s.io/v1", "kind", "CustomResourceDefinition",
                    "metadata", Map.of("name", "widgets.example.test"),
                    "spec", Map.of("group", "example.test", "names", Map.of("kind", "Widget", "plural", "widgets"))),
            Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "c", "namespace", "own")),
            Map.of("apiVersion", "example.test/v1", "kind", "Widget", "metadata", Map.of("name", "w", "namespace", "own")));

    @Test
    void namespacesAndCrdKindsOfThePartAreKnownAndItsCustomResourcesWaitWhileTheCrdIsNotServed() {
        PartDefines defines = PartDefines.of(RENDERED);

        assertThat(defines.namespaces()).containsExactly("own");
        assertThat(defines.crdGroupKinds()).containsExactly("Widget.example.test");
        assertThat(defines.customResourceOfOwnCrd(RENDERED.get(3), serving(Set.of())))
                .contains(new ResourceRef(new Gvk("example.test", "v1", "Widget"), "own", "w"));
        assertThat(defines.customResourceOfOwnCrd(RENDERED.get(2), serving(Set.of()))).isEmpty();
        assertThat(defines.customResourceOfOwnCrd(RENDERED.get(3), serving(Set.of("Widget.example.test")))).isEmpty();
    }

    /** A cluster that answers only {@code serves}, for the kinds given. */
    private static TargetCluster serving(Set<String> groupKinds) {
        return (TargetCluster) Proxy.newProxyInstance(TargetCluster.class.getClassLoader(), new Class<?>[] {TargetCluster.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("serves")) {
                        return groupKinds.contains(((Gvk) args[0]).groupKind());
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
