package io.meshwright.engine.design;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.engine.design.ObjectNameRules.Format;
import io.meshwright.spi.model.Gvk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectNameRulesTest {

    private final ObjectNameRules rules = new ObjectNameRules();

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // kind (apiVersion/Kind)                      | name                 | valid
            "v1/Namespace                                  | shop                 | true",
            "v1/Namespace                                  | shop.prod            | false",
            "v1/Namespace                                  | Shop                 | false",
            "v1/Namespace                                  | -shop                | false",
            "v1/Service                                    | api-service          | true",
            "v1/Service                                    | 1api                 | false",
            "v1/Service                                    | API Service          | false",
            "v1/Service                                    | api.service          | false",
            "v1/ConfigMap                                  | app.settings-1       | true",
            "v1/ConfigMap                                  | 1settings            | true",
            "v1/ConfigMap                                  | settings_1           | false",
            "v1/ConfigMap                                  | settings.            | false",
            "apps/v1/Deployment                            | web                  | true",
            "apps/v1/Deployment                            | Web                  | false",
            "apiregistration.k8s.io/v1/APIService          | API Service          | false",
            "apiregistration.k8s.io/v1/APIService          | v1beta1.metrics.k8s.io | true",
            "rbac.authorization.k8s.io/v1/ClusterRole      | system:controller:x  | true",
            "rbac.authorization.k8s.io/v1/RoleBinding      | Admins               | true",
            "rbac.authorization.k8s.io/v1/Role             | a/b                  | false",
            "rbac.authorization.k8s.io/v1/Role             | ..                   | false",
            "rbac.authorization.k8s.io/v1/Role             | read all             | false",
            "example.com/v1/Widget                         | my-widget            | true",
            "example.com/v1/Widget                         | My Widget            | false",
    })
    void namesFollowTheRuleOfTheirKind(String kind, String name, boolean valid) {
        int slash = kind.lastIndexOf('/');
        Gvk gvk = Gvk.of(kind.substring(0, slash), kind.substring(slash + 1));
        assertThat(rules.checkName(gvk, name)).as(kind + " " + name).matches(why -> why.isEmpty() == valid);
    }

    @Test
    void lengthLimitsDependOnTheFormat() {
        String label64 = "a".repeat(64);
        assertThat(rules.check(Format.DNS1123_LABEL, "a".repeat(63))).isEmpty();
        assertThat(rules.check(Format.DNS1123_LABEL, label64)).hasValueSatisfying(why -> why.contains("at most 63"));
        assertThat(rules.check(Format.DNS1123_SUBDOMAIN, label64)).isEmpty();
        assertThat(rules.check(Format.DNS1123_SUBDOMAIN, "a".repeat(254))).hasValueSatisfying(why -> why.contains("at most 253"));
        assertThat(rules.check(Format.DNS1123_SUBDOMAIN, "")).hasValue("a name is required");
    }

    @Test
    void namespacesAreLabels() {
        assertThat(rules.checkNamespace("team-a")).isEmpty();
        assertThat(rules.checkNamespace("team_a")).hasValueSatisfying(why -> why.contains("DNS-1123 label"));
    }

    @Test
    void aSuggestionFollowsTheFormat() {
        assertThat(rules.suggest(Format.DNS1035_LABEL, "API Service")).isEqualTo("api-service");
        assertThat(rules.suggest(Format.DNS1035_LABEL, "1st Service")).isEqualTo("st-service");
        assertThat(rules.suggest(Format.DNS1123_SUBDOMAIN, "My.App Config")).isEqualTo("my.app-config");
        assertThat(rules.check(Format.DNS1123_LABEL, rules.suggest(Format.DNS1123_LABEL, "x".repeat(80) + "!"))).isEmpty();
    }
}
