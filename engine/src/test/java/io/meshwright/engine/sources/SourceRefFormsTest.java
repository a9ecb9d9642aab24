package io.meshwright.engine.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwright.spi.model.SourceRef;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text forms of a source ref, as users write them after {@code --from}, and their one canonical text. */
class SourceRefFormsTest {

    @Test
    void aPathWithoutSchemeIsAFileAndFileUrlsNameTheSamePath() {
        assertThat(SourceRef.parse("./models/accurate")).isEqualTo(SourceRef.of("file", "./models/accurate"));
        assertThat(SourceRef.parse("C:\\models")).isEqualTo(SourceRef.of("file", "C:\\models"));
        assertThat(SourceRef.parse("file:/data/x.tar.gz")).isEqualTo(SourceRef.of("file", "/data/x.tar.gz"));
        assertThat(SourceRef.parse("file:///data/x.tar.gz")).isEqualTo(SourceRef.of("file", "/data/x.tar.gz"));
        assertThat(SourceRef.parse("file:///data/x.tar.gz").text()).isEqualTo("file:/data/x.tar.gz");
    }

    @Test
    void urlsKeepTheWholeUrlAsLocationAndClusterNeedsNone() {
        assertThat(SourceRef.parse("https://example.com/m.tar.gz")).isEqualTo(SourceRef.of("https", "https://example.com/m.tar.gz"));
        assertThat(SourceRef.parse("https://example.com/m.tar.gz").text()).isEqualTo("https://example.com/m.tar.gz");
        assertThat(SourceRef.parse("cluster")).isEqualTo(SourceRef.of("cluster", ""));
        assertThat(SourceRef.parse("cluster:")).isEqualTo(SourceRef.of("cluster", ""));
        assertThat(SourceRef.parse("cluster:").text()).isEqualTo("cluster");
        assertThat(SourceRef.parse("discovered")).isEqualTo(SourceRef.of("discovered", ""));
        assertThat(SourceRef.parse("discovered").text()).isEqualTo("discovered");
    }

    @Test
    void pluginTypesTakeTheRestAsLocationAndAFragmentForRefPathAndOptions() {
        SourceRef git = SourceRef.parse("git:https://github.com/meshery/meshery#ref=v0.8.0&path=server/meshmodel&depth=1");

        assertThat(git).isEqualTo(new SourceRef("git", "https://github.com/meshery/meshery", "v0.8.0", "server/meshmodel",
                Map.of("depth", "1")));
        assertThat(git.text()).isEqualTo("git:https://github.com/meshery/meshery#depth=1&path=server/meshmodel&ref=v0.8.0");
        assertThat(SourceRef.parse(git.text())).isEqualTo(git);
        assertThat(SourceRef.parse("HELM:oci://ghcr.io/x/chart")).isEqualTo(SourceRef.of("helm", "oci://ghcr.io/x/chart"));
        assertThat(SourceRef.parse("sample:Widget,Gadget").text()).isEqualTo("sample:Widget,Gadget");
        assertThat(SourceRef.parse("https://example.com/page#section").location()).isEqualTo("https://example.com/page#section");
    }

    @Test
    void anEmptyRefIsRefusedSayingWhatIsExpected() {
        assertThatThrownBy(() -> SourceRef.parse("  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a path, a URL, cluster, or TYPE:LOCATION");
    }
}
