package io.meshwright.engine.design;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.spi.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names the API server would refuse are located problems of the parse, before anything reaches a cluster. */
class ObjectNameCheckTest {

    private final DesignParser parser = new DesignParser();

    private static List<Problem> nameProblems(DesignParseResult result) {
        return result.problems().stream().filter(p -> p.code().startsWith("design.name") || p.code().startsWith("design.namespace")).toList();
    }

    @Test
    void theBookInfoCatalogDesignNamesItsBadComponentByFileAndLine() {
        DesignParseResult result = parser.parse(RealData.file("meshery-designs/meshery/BookInfoForCatalogIstio.yaml"));

        assertThat(result.hasErrors()).isTrue();
        assertThat(nameProblems(result)).singleElement().satisfies(problem -> {
            assertThat(problem.isError()).isTrue();
            assertThat(problem.location().source()).endsWith("BookInfoForCatalogIstio.yaml");
            assertThat(problem.location().line()).isEqualTo(4);
            assertThat(problem.location().field()).isEqualTo("services[\"API Service\"]");
            assertThat(problem.message()).contains("component API Service").contains("\"API Service\" is not a valid APIService name")
                    .contains("DNS-1123 subdomain").contains("set metadata.name");
        });
    }

    @Test
    void aConfiguredNameAndNamespaceArePointedAtWhereTheyAreWritten() {
        DesignParseResult result = parser.parse("""
                schemaVersion: designs.meshery.io/v1beta1
                name: shop
                components:
                  - id: a
                    displayName: settings
                    component: {kind: ConfigMap, version: v1}
                    model: {name: kubernetes}
                    configuration:
                      metadata:
                        name: Shop_Settings
                        namespace: Team.A
                  - id: b
                    displayName: fine
                    component: {kind: ConfigMap, version: v1}
                    model: {name: kubernetes}
                    configuration: {metadata: {name: fine, namespace: team-a}}
                """, "shop.yaml");

        assertThat(nameProblems(result)).extracting(p -> p.location() + " " + p.code()).containsExactly(
                "shop.yaml:10:15 (components[0].configuration.metadata.name) design.name.invalid",
                "shop.yaml:11:20 (components[0].configuration.metadata.namespace) design.namespace.invalid");
        assertThat(nameProblems(result).get(0).message()).contains("for example \"shop-settings\"").doesNotContain("set metadata.name");
    }

    @Test
    void labelsTheServerWouldRefuseArePointedAt() {
        DesignParseResult result = parser.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  labels:
                    app: shop
                    "my team": a
                    tier: front end
                """, "labels.yaml");

        assertThat(result.problems()).filteredOn(p -> p.code().equals("design.label.invalid"))
                .extracting(p -> p.location().line() + " " + p.message()).containsExactly(
                        "7 component settings: label my team is not a valid label key; its name \"my team\" must be "
                                + "at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
                        "8 component settings: label tier has the value \"front end\"; a label value must be empty "
                                + "or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
    }

    @Test
    void drawingsAndAdapterTypesAreNotKubernetesObjects() {
        DesignParseResult result = parser.parse("""
                name: drawings
                services:
                  My Note:
                    type: Comment
                    isAnnotation: true
                  Istio Mesh:
                    type: IstioMesh
                """, "drawings.yaml");

        assertThat(nameProblems(result)).isEmpty();
    }
}
