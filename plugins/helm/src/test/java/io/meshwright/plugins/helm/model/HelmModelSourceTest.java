package io.meshwright.plugins.helm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwright.plugins.helm.Charts;
import io.meshwright.plugins.helm.Fetchers;
import io.meshwright.plugins.helm.LoopbackChartRepository;
import io.meshwright.plugins.helm.chart.ChartRepository;
import io.meshwright.spi.extension.GenerationResult;
import io.meshwright.spi.extension.ModelSourceException;
import io.meshwright.spi.model.ComponentDefinition;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.SourceRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmModelSourceTest {

    @TempDir
    Path work;

    private HelmModelSource source() {
        return new HelmModelSource(null, new ChartRepository(work.resolve("cache"), Fetchers.allowingPrivate()));
    }

    @Test
    void aChartDirectoryBecomesAModelWithItsCrdsEveryServedVersionAndAChartComponent() {
        GenerationResult result = source().generate(SourceRef.of("helm", Charts.dir("gadgets").toString()), Optional.empty());

        ModelBundle bundle = result.models().getFirst();
        assertThat(bundle.model().name()).isEqualTo("gadgets");
        assertThat(bundle.model().version()).isEqualTo("0.1.0");
        assertThat(bundle.model().upstreamVersion()).isEqualTo("0.1.0");
        assertThat(bundle.model().metadata().get("source_uri")).isEqualTo("helm:" + Charts.dir("gadgets"));
        assertThat(bundle.components()).extracting(c -> c.gvk().toString()).containsExactlyInAnyOrder(
                "helm.meshwright.io/v1 Chart", "charts.meshwright.test/v1 Gadget", "charts.meshwright.test/v1beta1 Gadget");
        ComponentDefinition gadget = component(bundle, "v1", "Gadget");
        assertThat(gadget.namespaced()).isTrue();
        assertThat(gadget.schema()).containsKey("properties");
        // No values.schema.json: the chart component's schema is inferred from values.yaml.
        assertThat(component(bundle, "v1", "Chart").schema()).extracting("properties").asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsKeys("gadgets", "greeting");
    }

    @Test
    void crdsThatTemplatesRenderAreComponentsTooAndAValuesSchemaIsTheChartComponentsSchema() {
        ModelBundle kept = source().generate(SourceRef.of("helm", Charts.dir("kept-cel").toString()), Optional.empty())
                .models().getFirst();
        ComponentDefinition dial = component(kept, "v1", "Dial");
        assertThat(dial.namespaced()).isFalse();

        ModelBundle schema = source().generate(SourceRef.of("helm", Charts.dir("schema").toString()), Optional.empty())
                .models().getFirst();
        assertThat(component(schema, "v1", "Chart").schema()).containsEntry("required", List.of("replicas", "image"));
    }

    @Test
    void anUnchangedChartIsSkippedByItsFingerprint() {
        SourceRef ref = SourceRef.of("helm", Charts.dir("parent").toString());
        GenerationResult first = source().generate(ref, Optional.empty());
        GenerationResult again = source().generate(ref, Optional.of(first.fingerprint()));
        assertThat(first.models()).hasSize(1);
        assertThat(again.unchanged()).isTrue();
        assertThat(again.models()).isEmpty();
    }

    @Test
    void aChartRepositoryOnLoopbackGivesAModelPerChartVersionAndAnUnchangedIndexIsSkipped() {
        try (LoopbackChartRepository repository = new LoopbackChartRepository(work.resolve("repo"))) {
            repository.add(Charts.dir("gadgets"));
            repository.add(Charts.dir("schema"));
            repository.addVersion(Charts.dir("schema"), "1.3.0", work.resolve("scratch"));

            GenerationResult all = source().generate(SourceRef.of("helm", repository.url().toString()), Optional.empty());
            assertThat(all.problems()).isEmpty();
            assertThat(all.models()).extracting(m -> m.model().name() + "@" + m.model().version())
                    .containsExactlyInAnyOrder("gadgets@0.1.0", "schema@1.3.0", "schema@1.2.0");
            int fetched = repository.archiveRequests();

            GenerationResult again = source().generate(SourceRef.of("helm", repository.url().toString()),
                    Optional.of(all.fingerprint()));
            assertThat(again.unchanged()).isTrue();
            assertThat(repository.archiveRequests()).isEqualTo(fetched);

            GenerationResult one = source().generate(new SourceRef("helm", repository.url().toString(), "1.2.0", null,
                    Map.of("chart", "schema")), Optional.empty());
            assertThat(one.models()).extracting(m -> m.model().version()).containsExactly("1.2.0");
            assertThat(one.models().getFirst().model().metadata().get("source_uri"))
                    .isEqualTo("helm:" + repository.url() + "#schema@1.2.0");
        }
    }

    @Test
    void aRepositoryOnAPrivateAddressIsRefusedUnlessTheEngineAllowsPrivateUrls() {
        try (LoopbackChartRepository repository = new LoopbackChartRepository(work.resolve("repo"))) {
            repository.add(Charts.dir("gadgets"));
            HelmModelSource strict = new HelmModelSource(null,
                    new ChartRepository(work.resolve("cache"), Fetchers.engineDefault()));
            SourceRef ref = SourceRef.of("helm", repository.url().toString());

            assertThatThrownBy(() -> strict.generate(ref, Optional.empty()))
                    .isInstanceOf(ModelSourceException.class)
                    .hasMessageContaining(repository.url().toString())
                    .hasMessageContaining("private");

            assertThat(source().generate(ref, Optional.empty()).models()).extracting(m -> m.model().name())
                    .containsExactly("gadgets");
        }
    }

    @Test
    void aCsvListOfChartsGivesAModelPerRowAndAnUnchangedListIsSkipped() throws Exception {
        try (LoopbackChartRepository repository = new LoopbackChartRepository(work.resolve("repo"))) {
            repository.add(Charts.dir("gadgets"));
            repository.add(Charts.dir("schema"));
            repository.addVersion(Charts.dir("schema"), "1.3.0", work.resolve("scratch"));
            java.nio.file.Path csv = work.resolve("charts.csv");
            java.nio.file.Files.writeString(csv, "location,chart,version\n"
                    + repository.url() + ",schema,1.2.0\n"
                    + repository.url() + ",gadgets\n"
                    + Charts.dir("parent") + "\n"
                    + repository.url() + ",missing\n");

            GenerationResult first = source().generate(SourceRef.of("helm", csv.toString()), Optional.empty());
            assertThat(first.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.message()).contains("no chart named missing");
                assertThat(problem.location().line()).isEqualTo(5);
            });
            assertThat(first.models()).extracting(m -> m.model().name() + "@" + m.model().version())
                    .containsExactlyInAnyOrder("schema@1.2.0", "gadgets@0.1.0", "parent@" + versionOf("parent"));

            GenerationResult again = source().generate(SourceRef.of("helm", csv.toString()), Optional.of(first.fingerprint()));
            assertThat(again.unchanged()).isTrue();
            assertThat(again.models()).isEmpty();
        }
    }

    private static String versionOf(String chart) throws java.io.IOException {
        return java.nio.file.Files.readAllLines(Charts.dir(chart).resolve("Chart.yaml")).stream()
                .filter(l -> l.startsWith("version:")).findFirst().orElseThrow().substring("version:".length()).trim();
    }

    private static ComponentDefinition component(ModelBundle bundle, String version, String kind) {
        return bundle.components().stream().filter(c -> c.gvk().kind().equals(kind) && c.gvk().version().equals(version))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + version + " in " + bundle.components()));
    }
}
