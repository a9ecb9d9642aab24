package io.meshwright.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamespaceNamesTest {

    private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

    @ParameterizedTest
    @ValueSource(strings = {"orders", "undeployRemovesCrd", "Über Weird__Name!!", "", "---",
            "a-very-long-hint-that-goes-on-and-on-well-past-the-sixty-three-character-limit-of-a-label"})
    void everyNameIsADnsLabel(String hint) {
        String name = new NamespaceNames(new SecureRandom()).next(hint);
        assertThat(name).matches(DNS_LABEL).hasSizeLessThanOrEqualTo(63).startsWith("mw-");
    }

    @Test
    void camelCaseHintsAreSplitIntoWords() {
        assertThat(NamespaceNames.sanitize("undeployRemovesCrd")).isEqualTo("undeploy-removes-crd");
    }

    @Test
    void namesNeverRepeatWithinOrAcrossHandles() {
        Set<String> seen = new HashSet<>();
        for (int handle = 0; handle < 20; handle++) {
            NamespaceNames names = new NamespaceNames(new SecureRandom());
            for (int i = 0; i < 50; i++) {
                assertThat(seen.add(names.next("same"))).isTrue();
            }
        }
    }
}
