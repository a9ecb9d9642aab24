package io.meshwright.engine.sync.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeclaredFieldsTest {

    @Test
    void onlyDeclaredFieldsCountAndListsOfObjectsMatchByName() {
        Map<String, Object> declared = Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", "web", "labels", Map.of("app", "web")),
                "spec", Map.of("replicas", 2, "template", Map.of("spec", Map.of("containers",
                        List.of(Map.of("name", "web", "image", "nginx:1.25"))))));
        Map<String, Object> wouldBe = Map.of("metadata", Map.of("name", "web", "labels", Map.of("app", "web"),
                        "resourceVersion", "9"),
                "spec", Map.of("replicas", 2, "progressDeadlineSeconds", 600, "template", Map.of("spec", Map.of(
                        "containers", List.of(Map.of("name", "web", "image", "nginx:1.25", "imagePullPolicy", "IfNotPresent"))))),
                "status", Map.of("replicas", 0));
        Map<String, Object> live = Map.of("metadata", Map.of("name", "web", "labels", Map.of("app", "web"),
                        "resourceVersion", "12"),
                "spec", Map.of("replicas", 5, "progressDeadlineSeconds", 900, "template", Map.of("spec", Map.of(
                        "containers", List.of(Map.of("name", "sidecar", "image", "envoy"),
                                Map.of("name", "web", "image", "nginx:1.27", "imagePullPolicy", "Always"))))),
                "status", Map.of("replicas", 5));

        assertThat(DeclaredFields.compare(declared, wouldBe, live)).containsExactlyInAnyOrder(
                new FieldDrift("spec.replicas", 2, 5),
                new FieldDrift("spec.template.spec.containers[web].image", "nginx:1.25", "nginx:1.27"));
    }

    @Test
    void keysWithDotsAreQuotedAndARemovedFieldHasNoLiveValue() {
        Map<String, Object> declared = Map.of("data", Map.of("app.conf", "debug=false", "color", "blue"));
        Map<String, Object> wouldBe = Map.of("data", Map.of("app.conf", "debug=false", "color", "blue"));
        Map<String, Object> live = Map.of("data", Map.of("app.conf", "debug=true"));

        assertThat(DeclaredFields.compare(declared, wouldBe, live)).containsExactlyInAnyOrder(
                new FieldDrift("data[\"app.conf\"]", "debug=false", "debug=true"),
                new FieldDrift("data.color", "blue", null));
    }
}
