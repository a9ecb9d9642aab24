package io.meshwright.engine.design;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.spi.Problem;
import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.design.Design;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.ModelRef;
import org.junit.jupiter.api.Test;

class DesignParserRealDesignsTest {

    private final DesignParser parser = new DesignParser();

    @Test
    void readsMesherysV1beta1SampleWithItsRelationship() {
        DesignParseResult result = parser.parse(RealData.file("meshery-designs/meshkit/valid_design.yml"));

        assertThat(result.errors()).isEmpty();
        assertThat(result.format()).isEqualTo(DesignFormat.V1BETA1);
        Design design = result.design().orElseThrow();
        assertThat(design.name()).isEqualTo("Valid Design");
        assertThat(design.version()).isEqualTo("0.0.1");
        assertThat(design.components()).extracting(ComponentDeclaration::name).containsExactly("config-map-jp", "default");
        ComponentDeclaration configMap = design.components().get(0);
        assertThat(configMap.id()).isEqualTo("3a7cbdf2-110b-4334-b3e3-a91ec4319bb7");
        assertThat(configMap.gvk()).isEqualTo(new Gvk("", "v1", "ConfigMap"));
        assertThat(configMap.model()).isEqualTo(new ModelRef("kubernetes", "v1.0.0"));
        assertThat(configMap.namespace()).isEqualTo("default");
        assertThat(configMap.location().line()).isEqualTo(3);
        assertThat(design.relationships()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo("hierarchical");
            assertThat(r.type()).isEqualTo("parent");
            assertThat(r.from()).containsExactly("3a7cbdf2-110b-4334-b3e3-a91ec4319bb7");
            assertThat(r.to()).containsExactly("96821383-4f6c-4016-b4b6-438289274501");
        });
    }

    @Test
    void readsTheDesignInsideAnOciImageTarball() {
        DesignParseResult result = parser.parse(RealData.file("meshery-designs/meshkit/valid-design-oci.tar"));

        assertThat(result.errors()).isEmpty();
        Design design = result.design().orElseThrow();
        assertThat(design.name()).isEqualTo("my design");
        assertThat(design.id()).isEqualTo("4a034dbb-24f7-4af5-b47f-78d010944e23");
        assertThat(design.components()).extracting(c -> c.gvk().kind())
                .containsExactly("ConfigMap", "ConfigMap", "ConfigMap", "Namespace");
        assertThat(design.relationships()).hasSize(3);
        assertThat(design.source()).endsWith("valid-design-oci.tar!design.yml");
        assertThat(result.text()).contains("schemaVersion: designs.meshery.io/v1beta1");
    }

    @Test
    void readsPlainManifestsAsOneComponentPerObject() {
        DesignParseResult result = parser.parse(RealData.file("meshery-designs/meshkit/manifest-with-crds.yml"));

        assertThat(result.errors()).isEmpty();
        assertThat(result.format()).isEqualTo(DesignFormat.MANIFESTS);
        Design design = result.design().orElseThrow();
        // The file repeats Namespace "default" three times, identically: kept once, with a warning per repeat.
        assertThat(design.components()).hasSize(21);
        assertThat(result.problems()).filteredOn(p -> p.code().equals("design.duplicateObject.identical")).hasSize(2);
        assertThat(design.component("Namespace/default")).isPresent();
        ComponentDeclaration gitRepository = design.components().stream()
                .filter(c -> c.gvk().kind().equals("GitRepository")).findFirst().orElseThrow();
        assertThat(gitRepository.model()).isEqualTo(ModelRef.any("source.toolkit.fluxcd.io"));
        assertThat(gitRepository.location().line()).isEqualTo(129);
        ComponentDeclaration deployment = design.components().get(0);
        assertThat(deployment.id()).isEqualTo("Deployment.apps/default/redis-follower");
        assertThat(deployment.model()).isEqualTo(ModelRef.any("kubernetes"));
        assertThat(deployment.configuration()).containsKeys("metadata", "spec").doesNotContainKeys("apiVersion", "kind");
    }

    @Test
    void readsTheServicesPatternWithAnnotationsAndParents() {
        DesignParseResult result = parser.parse(RealData.file("meshery-designs/schemas/design.yml"));

        assertThat(result.errors()).isEmpty();
        assertThat(result.format()).isEqualTo(DesignFormat.SERVICES);
        Design design = result.design().orElseThrow();
        assertThat(design.name()).isEqualTo("kubernetes_basic");
        assertThat(design.components()).extracting(ComponentDeclaration::id)
                .containsExactly("AnchorNode", "helloah", "pod-dd", "service-rk");
        assertThat(design.component("AnchorNode").orElseThrow().annotation()).isTrue();
        assertThat(design.deployableComponents()).extracting(ComponentDeclaration::id)
                .containsExactly("helloah", "pod-dd", "service-rk");
        ComponentDeclaration pod = design.component("pod-dd").orElseThrow();
        assertThat(pod.gvk()).isEqualTo(new Gvk("", "v1", "Pod"));
        assertThat(pod.namespace()).isEqualTo("helloah");
        assertThat(pod.dependsOn()).containsExactly("helloah");
        assertThat(design.relationships()).anySatisfy(r -> {
            assertThat(r.from()).containsExactly("pod-dd");
            assertThat(r.to()).containsExactly("helloah");
        });
    }

    @Test
    void readsTheOlderK8sTypedServicesOfEmojivoto() {
        DesignParseResult result = parser.parse(RealData.file("meshery-designs/meshery/emojivoto.yaml"));

        assertThat(result.errors()).isEmpty();
        Design design = result.design().orElseThrow();
        assertThat(design.components()).hasSize(10);
        ComponentDeclaration voting = design.component("026fada0-f527-4376-acff-cdbc44bbf004").orElseThrow();
        assertThat(voting.gvk()).isEqualTo(new Gvk("apps", "v1", "Deployment"));
        assertThat(voting.name()).isEqualTo("voting");
        assertThat(voting.namespace()).isEqualTo("emojivoto");
        assertThat(voting.model()).isEqualTo(ModelRef.any("kubernetes"));
        assertThat(voting.configuration()).containsKey("spec");
        assertThat(voting.configuration().get("metadata")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKey("labels");
    }

    @Test
    void marksAnAdapterTypeWithoutApiVersionInsteadOfGuessing() {
        DesignParseResult result = parser.parse(RealData.file("meshery-designs/meshery/BookInfoForCatalogIstio.yaml"));

        // Its one error is the component name "API Service", which no API server accepts (ObjectNameCheckTest).
        assertThat(result.errors()).extracting(Problem::code).containsExactly("design.name.invalid");
        Design design = result.design().orElseThrow();
        assertThat(design.component("API Service").orElseThrow().gvk())
                .isEqualTo(new Gvk("apiregistration.k8s.io", "v1", "APIService"));
        assertThat(design.component("Istio").orElseThrow().gvk().version()).isEmpty();
        assertThat(result.problems()).filteredOn(p -> p.code().equals("design.apiVersion.unknown"))
                .singleElement().extracting(Problem::location).satisfies(l -> assertThat(l.line()).isEqualTo(21));
    }

    @Test
    void readsTheSameDesignWrittenAsJsonWithLinesIntact() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper yaml = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        Object tree = yaml.readValue(RealData.file("meshery-designs/meshkit/valid_design.yml").toFile(), Object.class);
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree);

        DesignParseResult result = parser.parse(json, "valid_design.json");

        assertThat(result.errors()).isEmpty();
        assertThat(result.design().orElseThrow().components()).extracting(ComponentDeclaration::name)
                .containsExactly("config-map-jp", "default");
        assertThat(result.design().orElseThrow().components().get(1).location().line()).isGreaterThan(10);
    }

    @Test
    void readsADesignFromAGzippedTarball() throws Exception {
        byte[] tar = java.nio.file.Files.readAllBytes(RealData.file("meshery-designs/meshkit/valid-design-oci.tar"));
        java.io.ByteArrayOutputStream gzipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gzipped)) {
            out.write(tar);
        }

        DesignParseResult result = parser.parse(gzipped.toByteArray(), "design.tar.gz");

        assertThat(result.errors()).isEmpty();
        assertThat(result.design().orElseThrow().name()).isEqualTo("my design");
    }

    @Test
    void appliesARelationshipsPatchWhereTheComponentLeavesTheFieldOpen() throws Exception {
        String text = java.nio.file.Files.readString(RealData.file("meshery-designs/meshkit/valid_design.yml"))
                .replace("  configuration:\n    metadata:\n      namespace: default\n", "  configuration: {}\n")
                .replace("  displayName: default\n", "  displayName: team-a\n");

        DesignParseResult result = parser.parse(text, "patched.yml");

        ComponentDeclaration configMap = result.design().orElseThrow().components().get(0);
        assertThat(configMap.configuration()).isEqualTo(java.util.Map.of("metadata", java.util.Map.of("namespace", "team-a")));
        assertThat(configMap.namespace()).isEqualTo("team-a");
    }

    @Test
    void keepsAValueTheComponentSetsWhenARelationshipPatchDisagrees() throws Exception {
        String text = java.nio.file.Files.readString(RealData.file("meshery-designs/meshkit/valid_design.yml"))
                .replace("  displayName: default\n", "  displayName: team-a\n");

        DesignParseResult result = parser.parse(text, "patched.yml");

        assertThat(result.design().orElseThrow().components().get(0).namespace()).isEqualTo("default");
        assertThat(result.problems()).extracting(Problem::code).containsExactly("design.relationship.patch");
    }
}
