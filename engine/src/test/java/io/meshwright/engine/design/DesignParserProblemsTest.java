package io.meshwright.engine.design;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.spi.Problem;
import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.design.Design;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesignParserProblemsTest {

    private final DesignParser parser = new DesignParser();

    private static List<String> located(DesignParseResult result) {
        return result.problems().stream().map(p -> p.location() + " " + p.code()).toList();
    }

    @Test
    void reportsEveryProblemOfAFileWithLineColumnAndField() {
        DesignParseResult result = parser.parse("""
                schemaVersion: designs.meshery.io/v1beta1
                name: broken
                components:
                  - id: a
                    displayName: web
                    component: {kind: ConfigMap, version: v1}
                    model: {name: kubernetes}
                  - id: a
                    displayName: other
                    component: {kind: ConfigMap, version: v1}
                    model: {name: kubernetes}
                  - id: b
                    displayName: worker
                    component: {kind: 5, version: v1}
                    model: {name: kubernetes}
                    metadata: {isAnnotation: maybe}
                    configuration: [not, a, mapping]
                  - id: c
                    displayName: no-version
                    component: {kind: Secret}
                relationships: []
                """, "broken.yaml");

        assertThat(located(result)).containsExactlyInAnyOrder(
                "broken.yaml:8:5 (components[1]) design.duplicateId",
                "broken.yaml:14:23 (components[2].component.kind) design.type",
                "broken.yaml:16:30 (components[2].metadata.isAnnotation) design.type",
                "broken.yaml:17:20 (components[2].configuration) design.type",
                "broken.yaml:20:16 (components[3].component.version) design.missing");
        assertThat(result.problems()).filteredOn(p -> p.code().equals("design.type")).first()
                .extracting(Problem::message).isEqualTo("expected a string, but was the number 5");
    }

    @Test
    void anUnresolvableDependsOnIsAProblem() {
        DesignParseResult result = parser.parse("""
                schemaVersion: designs.meshery.io/v1beta1
                name: deps
                components:
                  - id: a
                    displayName: web
                    component: {kind: ConfigMap, version: v1}
                    model: {name: kubernetes}
                    metadata: {dependsOn: [nobody, a]}
                relationships: []
                """, "deps.yaml");

        assertThat(result.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("design.dependsOn");
            assertThat(p.message()).contains("nobody");
            assertThat(p.location().line()).isEqualTo(8);
        });
        assertThat(result.design().orElseThrow().components().get(0).dependsOn()).isEmpty();
    }

    @Test
    void manifestsWithoutKindApiVersionOrNameAreProblemsAndListsAreExpanded() {
        DesignParseResult result = parser.parse("""
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: one, namespace: a}
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata: {namespace: a}
                ---
                kind: Secret
                metadata: {name: s}
                """, "list.yaml");

        assertThat(result.design().orElseThrow().components()).extracting(ComponentDeclaration::id)
                .containsExactly("ConfigMap/a/one");
        assertThat(located(result)).containsExactlyInAnyOrder(
                "list.yaml:9:15 (items[1].metadata.name) design.missing",
                "list.yaml:11:1 (apiVersion) design.missing");
    }

    @Test
    void aSyntaxErrorPointsAtItsLine() {
        DesignParseResult result = parser.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [oops\n", "bad.yaml");

        assertThat(result.design()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("design.syntax");
            assertThat(p.location().line()).isGreaterThanOrEqualTo(3);
        });
    }

    @Test
    void somethingThatIsNoDesignIsSaidSo() {
        DesignParseResult result = parser.parse("hello: world\n", "note.yaml");

        assertThat(result.design()).isEmpty();
        assertThat(result.errors()).singleElement().extracting(Problem::code).isEqualTo("design.format");
    }

    @Test
    void expandsAliasesAndMergeKeysIntoIndependentCopies() {
        DesignParseResult result = parser.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: &meta {name: first, namespace: shop, labels: {app: web}}
                data: {a: "1"}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  <<: {name: second, namespace: shop}
                  labels: {app: api}
                """, "aliases.yaml");

        assertThat(result.errors()).isEmpty();
        Design design = result.design().orElseThrow();
        assertThat(design.components()).extracting(ComponentDeclaration::id).containsExactly("ConfigMap/shop/first", "ConfigMap/shop/second");
        assertThat(design.components().get(1).configuration().get("metadata"))
                .isEqualTo(Map.of("name", "second", "namespace", "shop", "labels", Map.of("app", "api")));
    }

    @Test
    void refusesAnAliasBombInsteadOfExpandingIt() {
        StringBuilder bomb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: boom}\ndata:\n");
        bomb.append("  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++) {
            bomb.append("  a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }

        DesignParseResult result = parser.parse(bomb.toString(), "bomb.yaml");

        assertThat(result.errors()).singleElement().extracting(Problem::code).isEqualTo("design.aliasBomb");
    }

    @Test
    void refusesInputLargerThanTheLimit() {
        DesignParser small = new DesignParser(new YamlLimits(100, 50, 100, 10), BuiltinKinds.load());

        DesignParseResult result = small.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {k: \""
                + "v".repeat(200) + "\"}\n", "big.yaml");

        assertThat(result.errors()).singleElement().extracting(Problem::code).isEqualTo("design.tooLarge");
    }

    @Test
    void resolvesPlaceholdersByComponentIdOrNameKeepingTypes() {
        DesignParseResult result = parser.parse("""
                schemaVersion: designs.meshery.io/v1beta1
                name: refs
                components:
                  - id: ns
                    displayName: shop-namespace
                    component: {kind: Namespace, version: v1}
                    model: {name: kubernetes}
                    configuration: {metadata: {name: shop}}
                  - id: svc
                    displayName: web-svc
                    component: {kind: Service, version: v1}
                    model: {name: kubernetes}
                    configuration:
                      metadata: {namespace: $(#ref.ns.configuration.metadata.name)}
                      spec: {ports: [{port: 8080}]}
                  - id: web
                    displayName: web
                    component: {kind: Deployment, version: apps/v1}
                    model: {name: kubernetes}
                    metadata: {dependsOn: ["$(#ref.web-svc.id)"]}
                    configuration:
                      metadata: {namespace: "$(#ref.shop-namespace.configuration.metadata.name)"}
                      spec:
                        replicas: $(#ref.svc.configuration.spec.ports.0.port)
                        template: {spec: {containers: [{name: web, image: nginx,
                          env: [{name: URL, value: "http://$(#ref.web-svc.name).$(#ref.svc.namespace):$(#ref.svc.configuration.spec.ports.0.port)"}]}]}}
                  - id: bad
                    displayName: bad
                    component: {kind: ConfigMap, version: v1}
                    model: {name: kubernetes}
                    configuration: {data: {a: $(#ref.nobody.name), b: $(#ref.web.configuration.nothing)}}
                relationships: []
                """, "refs.yaml");

        Design design = result.design().orElseThrow();
        ComponentDeclaration web = design.component("web").orElseThrow();
        assertThat(web.dependsOn()).containsExactly("svc");
        assertThat(web.namespace()).isEqualTo("shop");
        Map<?, ?> spec = (Map<?, ?>) web.configuration().get("spec");
        assertThat(spec.get("replicas")).isEqualTo(8080);
        assertThat(spec.toString()).contains("http://web-svc.shop:8080");
        assertThat(result.errors()).extracting(p -> p.location().field() + " " + p.code()).containsExactlyInAnyOrder(
                "components[3].configuration.data.a design.placeholder",
                "components[3].configuration.data.b design.placeholder");
    }

    @Test
    void warnsAboutAKeyGivenTwice() {
        DesignParseResult result = parser.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: one}\ndata: {k: two}\n", "twice.yaml");

        assertThat(located(result)).containsExactly("twice.yaml:5:1 (data) design.duplicateKey");
        assertThat(result.design().orElseThrow().components().get(0).configuration().get("data")).isEqualTo(Map.of("k", "two"));
    }
}
