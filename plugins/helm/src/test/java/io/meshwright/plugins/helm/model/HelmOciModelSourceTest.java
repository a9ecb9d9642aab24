package io.meshwright.plugins.helm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwright.plugins.helm.Charts;
import io.meshwright.plugins.helm.Fetchers;
import io.meshwright.plugins.helm.LoopbackOciRegistry;
import io.meshwright.plugins.helm.chart.ChartRepository;
import io.meshwright.spi.extension.GenerationResult;
import io.meshwright.spi.extension.ModelSourceException;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.SourceRef;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models from OCI charts in a real registry ({@code docker-registry} on loopback, plain http), read from the same
 * text {@code model generate --from} takes ({@link SourceRef#parse}).
 */
class HelmOciModelSourceTest {

    @TempDir
    static Path work;

    private static LoopbackOciRegistry registry;
    private static String gadgets;

    @BeforeAll
    static void startRegistry() {
        registry = new LoopbackOciRegistry(work.resolve("registry"));
        gadgets = registry.push(Charts.dir("gadgets"));
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    private HelmModelSource source() {
        return new HelmModelSource(null, new ChartRepository(work.resolve("cache"), Fetchers.allowingPrivate()));
    }

    @Test
    void anOciChartOverPlainHttpBecomesTheChartsModelAndAnUnchangedVersionIsSkippedByFingerprint() {
        SourceRef ref = SourceRef.parse("helm:" + gadgets + "@0.1.0#plainHttp=true");

        GenerationResult first = source().generate(ref, Optional.empty());

        assertThat(first.problems()).isEmpty();
        ModelBundle bundle = first.models().getFirst();
        assertThat(bundle.model().name()).isEqualTo("gadgets");
        assertThat(bundle.model().version()).isEqualTo("0.1.0");
        assertThat(bundle.components()).extracting(c -> c.gvk().toString()).containsExactlyInAnyOrder(
                "helm.meshwright.io/v1 Chart", "charts.meshwright.test/v1 Gadget", "charts.meshwright.test/v1beta1 Gadget");
        // The option stays with the recorded source, so the chart component deploys over plain http too.
        assertThat(bundle.model().metadata().get("source_uri")).isEqualTo("helm:" + gadgets + "@0.1.0#plainHttp=true");

        GenerationResult again = source().generate(ref, Optional.of(first.fingerprint()));
        assertThat(again.unchanged()).isTrue();
        assertThat(again.models()).isEmpty();
    }

    /**
     * The plugin pulls the chart itself: without the option it speaks https, and a registry that serves plain http
     * fails with the option named (Helm 3's own client fell back to http silently; the plugin does not).
     */
    @Test
    void withoutPlainHttpTheRegistryIsAskedOverHttpsAndTheErrorNamesTheOption() {
        SourceRef ref = SourceRef.parse("helm:" + gadgets + "@0.1.0");

        assertThatThrownBy(() -> source().generate(ref, Optional.empty()))
                .isInstanceOf(ModelSourceException.class)
                .hasMessageContaining("cannot pull " + gadgets)
                .hasMessageContaining("plainHttp=true");
    }

    @Test
    void anOciRegistryOnLoopbackIsRefusedWhenTheEngineDoesNotAllowPrivateUrls() {
        SourceRef ref = SourceRef.parse("helm:" + gadgets + "@0.1.0#plainHttp=true");
        HelmModelSource guarded = new HelmModelSource(null, new ChartRepository(work.resolve("cache-guarded"),
                Fetchers.engineDefault()));

        assertThatThrownBy(() -> guarded.generate(ref, Optional.empty()))
                .isInstanceOf(ModelSourceException.class)
                .hasMessageContaining("cannot pull " + gadgets)
                .hasMessageContaining("--allow-private-urls");
    }

    @Test
    void plainHttpIsRefusedForARegistryNamedByAPublicNameOrAddress() {
        for (String host : new String[] {"ghcr.io", "8.8.8.8:5000"}) {
            SourceRef ref = SourceRef.parse("helm:oci://" + host + "/acme/web@2.0.0#plainHttp=true");
            assertThatThrownBy(() -> source().generate(ref, Optional.empty()))
                    .isInstanceOf(ModelSourceException.class)
                    .hasMessageContaining("plainHttp is allowed only for a registry on localhost or a loopback or private address")
                    .hasMessageContaining(host.replace(":5000", ""));
        }
        SourceRef typo = SourceRef.parse("helm:" + gadgets + "@0.1.0#plainHttp=yes");
        assertThatThrownBy(() -> source().generate(typo, Optional.empty()))
                .isInstanceOf(ModelSourceException.class)
                .hasMessageContaining("option plainHttp must be \"true\" or \"false\", but it was \"yes\"");
    }

    @Test
    void aChartPinnedByDigestBecomesItsModelAndTheRecordedSourceKeepsThePin() {
        String digest = registry.manifestDigest("charts/gadgets", "0.1.0");
        SourceRef ref = SourceRef.parse("helm:" + gadgets + "@" + digest + "#plainHttp=true");

        GenerationResult result = source().generate(ref, Optional.empty());

        assertThat(result.problems()).isEmpty();
        assertThat(result.models().getFirst().model().version()).isEqualTo("0.1.0");
        assertThat(result.models().getFirst().model().metadata().get("source_uri"))
                .isEqualTo("helm:" + gadgets + "@" + digest + "#plainHttp=true");
    }
}
