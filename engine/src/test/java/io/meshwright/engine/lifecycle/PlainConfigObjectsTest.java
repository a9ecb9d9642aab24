package io.meshwright.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.spi.deploy.Readiness;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.extension.ClusterView;
import io.meshwright.spi.model.Gvk;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Which config objects the preflight may call valid without a dry run: only those whose every field the server's
 * ConfigMap/Secret validation covers and that pass it; anything else goes to the server. The server's side of
 * it (that such objects are accepted, that the rest is still refused) is {@code PreflightTest} in testbed.
 */
class PlainConfigObjectsTest {

    private final PlainConfigObjects plain = new PlainConfigObjects();

    @Test
    void plainConfigMapsAndOpaqueSecretsAreKnownValid() {
        assertThat(known("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: app-config, namespace: shop, labels: {app: shop}, annotations: {note: "any text"}}
                data: {index: "1", app.properties: "a=b", _under-score.x: ""}
                binaryData: {blob: aGVsbG8=}
                immutable: true
                """)).isTrue();
        assertThat(known("""
                apiVersion: v1
                kind: Secret
                metadata: {name: token}
                type: Opaque
                data: {token: dC0x}
                stringData: {token: t-1, other: x}
                """)).isTrue();
        assertThat(known("apiVersion: v1\nkind: Secret\nmetadata: {name: no-type}\nstringData: {a: b}\n")).isTrue();
    }

    @Test
    void whatTheServerWouldRefuseOrWhatIsNotCoveredGoesToTheServer() {
        // keys the server refuses
        assertThat(known("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {\"a b\": x}\n")).isFalse();
        assertThat(known("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {\"..\": x}\n")).isFalse();
        assertThat(known("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {\"" + "k".repeat(254) + "\": x}\n")).isFalse();
        assertThat(known("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: x}\nbinaryData: {a: eA==}\n"))
                .as("one key in data and binaryData").isFalse();
        // values and sizes
        assertThat(known("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: 1}\n")).as("not a string").isFalse();
        assertThat(known("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {a: \"not base64!\"}\n")).isFalse();
        assertThat(known("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: \"" + "x".repeat(1024 * 1024 + 1) + "\"}\n"))
                .as("over 1 MiB").isFalse();
        // names, labels, annotations
        assertThat(known("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Upper}\n")).isFalse();
        assertThat(known("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: {app: \"a b\"}}\n")).isFalse();
        assertThat(known("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, annotations: {\"bad key!\": x}}\n")).isFalse();
        // fields the check does not cover
        assertThat(known("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: kubernetes.io/tls\nstringData: {tls.crt: x}\n"))
                .as("another secret type").isFalse();
        assertThat(known("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, finalizers: [x]}\n")).isFalse();
        assertThat(known("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nspec: {}\n")).isFalse();
        assertThat(known("apiVersion: v1\nkind: Service\nmetadata: {name: s}\n")).as("another kind").isFalse();
    }

    @Test
    void aWebhookOnConfigMapsOrSecretsOrEverythingMeansTheServerJudges() {
        assertThat(AdmissionWebhooks.mayJudgeConfigObjects(view(List.of()))).isFalse();
        assertThat(AdmissionWebhooks.mayJudgeConfigObjects(view(List.of(webhook(List.of("apps"), List.of("deployments"))))))
                .as("a webhook on other resources").isFalse();
        assertThat(AdmissionWebhooks.mayJudgeConfigObjects(view(List.of(webhook(List.of(""), List.of("configmaps")))))).isTrue();
        assertThat(AdmissionWebhooks.mayJudgeConfigObjects(view(List.of(webhook(List.of("*"), List.of("*")))))).isTrue();
        assertThat(AdmissionWebhooks.mayJudgeConfigObjects(view(null))).as("webhooks that cannot be read").isTrue();
    }

    private boolean known(String yaml) {
        Map<String, Object> object = new Yaml().load(yaml);
        Gvk gvk = Gvk.of((String) object.get("apiVersion"), (String) object.get("kind"));
        return plain.certainlyValid(gvk, object);
    }

    private static Map<String, Object> webhook(List<String> groups, List<String> resources) {
        return Map.of("webhooks", List.of(Map.of("name", "w.example.com", "rules", List.of(Map.of(
                "apiGroups", groups, "apiVersions", List.of("*"), "resources", resources, "operations", List.of("CREATE"))))));
    }

    /** A cluster whose webhook configurations are {@code configurations} (each list), or cannot be listed when null. */
    private static ClusterView view(List<Map<String, Object>> configurations) {
        return new ClusterView() {
            @Override
            public boolean serves(Gvk gvk) {
                return true;
            }

            @Override
            public Optional<Boolean> namespaced(Gvk gvk) {
                return Optional.of(false);
            }

            @Override
            public Optional<Map<String, Object>> get(ResourceRef ref) {
                return Optional.empty();
            }

            @Override
            public List<Map<String, Object>> list(Gvk gvk, String namespace, String labelSelector) {
                if (configurations == null) {
                    throw new IllegalStateException("forbidden");
                }
                return gvk.kind().startsWith("Validating") ? configurations : List.of();
            }

            @Override
            public Readiness readiness(ResourceRef ref) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Readiness awaitReady(ResourceRef ref, Duration timeout) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String kubeconfig() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
