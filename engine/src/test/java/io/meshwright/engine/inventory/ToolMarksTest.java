package io.meshwright.engine.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.spi.deploy.ToolMarks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ToolMarks#marks}: the SPI record lives in a module without tests, so its rules are pinned here. */
class ToolMarksTest {

    private final ToolMarks helm = new ToolMarks(List.of("helm"),
            Map.of("meta.helm.sh/release-name", "web", "meta.helm.sh/release-namespace", "shop"));

    @Test
    void fieldManagerAloneMarks() {
        assertThat(helm.marks(List.of("kubectl", "helm"), Map.of())).isTrue();
    }

    @Test
    void allAnnotationsMarkWithoutManager() {
        assertThat(helm.marks(List.of("kubectl"),
                Map.of("meta.helm.sh/release-name", "web", "meta.helm.sh/release-namespace", "shop"))).isTrue();
        assertThat(helm.marks(List.of("kubectl"), Map.of("meta.helm.sh/release-name", "web"))).isFalse();
    }

    @Test
    void anotherReleasesObjectIsNotMarkedEvenWithTheToolsManager() {
        assertThat(helm.marks(List.of("helm"), Map.of("meta.helm.sh/release-name", "other"))).isFalse();
        assertThat(helm.marks(List.of("helm"),
                Map.of("meta.helm.sh/release-name", "web", "meta.helm.sh/release-namespace", "elsewhere"))).isFalse();
    }

    @Test
    void noMarksMarkNothing() {
        assertThat(ToolMarks.none().marks(List.of("helm"), Map.of("a", "b"))).isFalse();
    }
}
