package io.meshwright.plugins.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Checks that a private key's text appears nowhere in some output. */
public final class Secrets {

    private Secrets() {}

    /**
     * Neither a key's whole text nor any line of its body but the first (the format's header, the same in every
     * unencrypted key of one type, so meaningless as evidence).
     */
    public static void assertNoKey(String text, String... keyTexts) {
        for (String keyText : keyTexts) {
            assertThat(text).doesNotContain(keyText.strip());
            List<String> body = keyText.lines().map(String::strip).filter(l -> !l.startsWith("-----") && !l.isEmpty()).toList();
            for (String line : body.subList(1, body.size())) {
                if (line.length() >= 16) {
                    assertThat(text).doesNotContain(line);
                }
            }
        }
    }
}
