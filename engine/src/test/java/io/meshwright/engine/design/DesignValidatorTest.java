package io.meshwright.engine.design;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.spi.Problem;
import io.meshwright.spi.design.Design;
import io.meshwright.spi.model.ComponentDefinition;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.Model;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.ModelRef;
import io.meshwright.spi.model.ModelStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesignValidatorTest {

    private static final BuiltinKinds BUILTINS = BuiltinKinds.load();
    private static final Gvk DEPLOYMENT = new Gvk("apps", "v1", "Deployment");
    private static final Gvk GIT_REPOSITORY = new Gvk("source.toolkit.fluxcd.io", "v1beta1", "GitRepository");

    private final DesignParser parser = new DesignParser();
    private final DesignValidator validator = new DesignValidator(BUILTINS);

    /** A cluster that serves the core kinds these tests use, and nothing custom. */
    private static ServedKinds coreCluster() {
        Map<Gvk, Boolean> kinds = new HashMap<>();
        for (String kind : List.of("Namespace", "Pod", "Service", "ConfigMap", "Secret", "ServiceAccount")) {
            kinds.put(BUILTINS.preferred(kind).orElseThrow(), BUILTINS.namespaced(BUILTINS.preferred(kind).orElseThrow()).orElseThrow());
        }
        kinds.put(DEPLOYMENT, true);
        kinds.put(new Gvk("apiextensions.k8s.io", "v1", "CustomResourceDefinition"), false);
        return ServedKinds.of(kinds);
    }

    private static String resource(String name) {
        try (InputStream in = DesignValidatorTest.class.getResourceAsStream("/design/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ModelBundle model(String name, Map<String, Object> metadata, ComponentDefinition... definitions) {
        return new ModelBundle(new Model(name, "v1.0.0", null, name, "Uncategorized", "github", ModelStatus.ENABLED, metadata),
                List.of(definitions), List.of());
    }

    @Test
    void reportsBothCustomResourcesOfTheManifestWhoseCrdsAreMissing() {
        DesignParseResult parsed = parser.parse(RealData.file("meshery-designs/meshkit/manifest-with-crds.yml"));

        ValidationReport report = validator.validate(parsed.design().orElseThrow(), new InMemoryRegistry(), coreCluster());

        assertThat(report.errors()).isEmpty();
        assertThat(report.isValid()).isFalse();
        assertThat(report.missingDependencies()).extracting(m -> m.kind().kind())
                .containsExactly("GitRepository", "GithubActionRunner");
        MissingDependency gitRepository = report.missingDependencies().get(0);
        assertThat(gitRepository.componentIds()).hasSize(1);
        assertThat(gitRepository.provider()).isEmpty();
        assertThat(gitRepository.location().line()).isEqualTo(129);
        assertThat(gitRepository.toProblem().message()).contains("source.toolkit.fluxcd.io/v1beta1 GitRepository")
                .contains("no model in the registry provides GitRepository.source.toolkit.fluxcd.io");
    }

    @Test
    void namesTheModelThatProvidesAMissingKindAndHowToInstallIt() {
        DesignParseResult parsed = parser.parse(RealData.file("meshery-designs/meshkit/manifest-with-crds.yml"));
        InMemoryRegistry registry = new InMemoryRegistry().with(model("flux",
                Map.of("source_uri", "https://fluxcd-community.github.io/helm-charts/flux2"),
                new ComponentDefinition(new ModelRef("flux", "v1.0.0"), "v1.0.0", GIT_REPOSITORY, true, "GitRepository", Map.of(), List.of())));

        ValidationReport report = validator.validate(parsed.design().orElseThrow(), registry, coreCluster());

        MissingDependency gitRepository = report.missingDependencies().get(0);
        assertThat(gitRepository.provider()).contains(new ModelRef("flux", "v1.0.0"));
        assertThat(gitRepository.installable()).isTrue();
        assertThat(gitRepository.remedy()).contains("--install-dependencies").contains("flux2");
        // GithubActionRunner has no provider, so installing dependencies is not enough.
        assertThat(report.isValid(true)).isFalse();
    }

    @Test
    void acceptsCustomResourcesWhoseCrdIsInTheDesignAndChecksThemAgainstItsSchema() {
        DesignParseResult parsed = parser.parse(resource("widgets-with-bad-values.yaml"), "widgets.yaml");
        Design design = parsed.design().orElseThrow();

        ValidationReport report = validator.validate(design, new InMemoryRegistry(), coreCluster(), parsed.sourceMap());

        assertThat(report.missingDependencies()).isEmpty();
        assertThat(report.errors()).extracting(Problem::code, p -> p.location().toString())
                .contains(org.assertj.core.groups.Tuple.tuple("schema.maximum", "widgets.yaml:29:9 (spec.size)"),
                        org.assertj.core.groups.Tuple.tuple("design.crd.version", "widgets.yaml:31:1"));
        // Kinds that resolved without a registry definition come back as models to register; here the Widget
        // (from the design's CRD, with its schema) and the built-in kinds the empty registry lacks.
        assertThat(report.discoveredModels()).extracting(b -> b.model().name()).containsExactly("kubernetes", "example.com");
        assertThat(report.discoveredModels().get(1)).satisfies(bundle -> {
            assertThat(bundle.components()).singleElement().satisfies(d -> {
                assertThat(d.gvk()).isEqualTo(new Gvk("example.com", "v1", "Widget"));
                assertThat(d.namespaced()).isTrue();
                assertThat(d.schema()).containsKey("properties");
            });
        });
    }

    @Test
    void checksConfigurationAgainstTheRegistryDefinitionsSchemaWithFieldPaths() {
        DesignParseResult parsed = parser.parse(resource("widgets-with-bad-values.yaml"), "widgets.yaml");
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("spec", Map.of("type", "object",
                "properties", Map.of("replicas", Map.of("type", "integer")))));
        InMemoryRegistry registry = new InMemoryRegistry().with(model("kubernetes", Map.of(),
                new ComponentDefinition(new ModelRef("kubernetes", "v1.0.0"), "v1.0.0", DEPLOYMENT, true, "Deployment", schema, List.of())));

        ValidationReport report = validator.validate(parsed.design().orElseThrow(), registry, coreCluster(), parsed.sourceMap());

        assertThat(report.errors()).filteredOn(p -> p.code().equals("schema.type")).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(45);
            assertThat(p.location().field()).isEqualTo("spec.replicas");
            assertThat(p.message()).contains("web").contains("integer");
        });
    }

    @Test
    void refusesABuiltinKindTheClusterDoesNotServeAndSkipsAnnotations() {
        Design design = parser.parse(RealData.file("meshery-designs/schemas/design.yml")).design().orElseThrow();
        ServedKinds noPods = ServedKinds.of(Map.of(new Gvk("", "v1", "Namespace"), false, new Gvk("", "v1", "Service"), true));

        ValidationReport report = validator.validate(design, null, noPods);

        assertThat(report.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("design.kind.unresolved");
            assertThat(p.message()).contains("pod-dd");
        });
        assertThat(report.missingDependencies()).isEmpty();
    }

    @Test
    void anAdapterTypeWithoutApiVersionCannotBeResolved() {
        Design design = parser.parse(RealData.file("meshery-designs/meshery/BookInfoForCatalogIstio.yaml")).design().orElseThrow();

        ValidationReport report = validator.validate(design, new InMemoryRegistry(),
                ServedKinds.of(Map.of(new Gvk("apiregistration.k8s.io", "v1", "APIService"), false)));

        assertThat(report.errors()).singleElement().satisfies(p -> assertThat(p.message()).contains("IstioMesh"));
    }

    @Test
    void validatesTheV1beta1AndOciSamplesCleanlyAgainstACoreCluster() {
        for (String file : List.of("meshery-designs/meshkit/valid_design.yml", "meshery-designs/meshkit/valid-design-oci.tar",
                "meshery-designs/meshery/emojivoto.yaml")) {
            Design design = parser.parse(RealData.file(file)).design().orElseThrow();

            ValidationReport report = validator.validate(design, new InMemoryRegistry(), coreCluster());

            assertThat(report.isValid()).as(file + ": " + report.allProblems()).isTrue();
        }
    }
}
