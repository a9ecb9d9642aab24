package io.meshwright.engine.design;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelRulesTest {

    private final LabelRules rules = new LabelRules();

    @ParameterizedTest(name = "key {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "app                              | true",
            "app.kubernetes.io/name           | true",
            "Tier_1.x                         | true",
            "example.com/                     | false",
            "/name                            | false",
            "Example.com/name                 | false",
            "my app                           | false",
            "-app                             | false",
            "a/b/c                            | false",
    })
    void labelKeys(String key, boolean valid) {
        assertThat(rules.checkKey(key)).as(key).matches(why -> why.isEmpty() == valid);
    }

    @ParameterizedTest(name = "value ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
            "''                               | true",
            "v1.2.3                           | true",
            "Blue_Green                       | true",
            "1.0                              | true",
            "has space                        | false",
            "trailing-                        | false",
            "emoji☺                           | false",
    })
    void labelValues(String value, boolean valid) {
        assertThat(rules.checkValue(value)).as(value).matches(why -> why.isEmpty() == valid);
    }

    @ParameterizedTest(name = "64 characters")
    @CsvSource("x")
    void valuesAreAtMost63Characters(String ignored) {
        assertThat(rules.checkValue("a".repeat(63))).isEmpty();
        assertThat(rules.checkValue("a".repeat(64))).isPresent();
        assertThat(rules.checkKey("a".repeat(64))).isPresent();
    }
}
