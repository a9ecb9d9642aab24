package io.meshwright.engine.design;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwright.spi.model.ComponentDefinition;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.Model;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.ModelRef;
import io.meshwright.spi.model.ModelStatus;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation against a real Meshery component definition (accurate's SubNamespace, schema as a JSON string). */
class DesignValidatorRealSchemaTest {

    private static final Gvk SUB_NAMESPACE = new Gvk("accurate.cybozu.com", "v1", "SubNamespace");

    private static InMemoryRegistry accurateRegistry() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode definition = json.readTree(RealData.file(
                "meshery-models/accurate/v1.4.3/v1.0.0/components/SubNamespace.json").toFile());
        Map<String, Object> schema = json.readValue(definition.path("component").path("schema").asText(), new TypeReference<>() {});
        ModelRef accurate = new ModelRef("accurate", "v1.0.0");
        return new InMemoryRegistry().with(new ModelBundle(
                new Model("accurate", "v1.0.0", "v1.4.3", "Accurate", "Provisioning", "github", ModelStatus.ENABLED,
                        Map.of("source_uri", "https://github.com/cybozu-go/accurate/releases/download/v1.4.3/accurate.yaml")),
                List.of(new ComponentDefinition(accurate, "v1.0.0", SUB_NAMESPACE,
                        definition.path("metadata").path("isNamespaced").asBoolean(), "SubNamespace", schema, List.of())),
                List.of()));
    }

    @Test
    void checksACustomResourceAgainstTheSchemaOfARealComponentDefinition() throws IOException {
        DesignParseResult parsed = new DesignParser().parse("""
                apiVersion: accurate.cybozu.com/v1
                kind: SubNamespace
                metadata: {name: dev, namespace: team-a}
                spec:
                  labels:
                    team: 5
                """, "subnamespace.yaml");
        ServedKinds servesSubNamespaces = ServedKinds.of(Map.of(SUB_NAMESPACE, true));

        ValidationReport report = new DesignValidator(BuiltinKinds.load())
                .validate(parsed.design().orElseThrow(), accurateRegistry(), servesSubNamespaces, parsed.sourceMap());

        assertThat(report.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("schema.type");
            assertThat(p.location().toString()).isEqualTo("subnamespace.yaml:6:11 (spec.labels.team)");
        });
        assertThat(report.discoveredModels()).isEmpty();
    }

    @Test
    void offersToInstallTheModelWhenTheClusterLacksItsCrd() throws IOException {
        DesignParseResult parsed = new DesignParser().parse("""
                apiVersion: accurate.cybozu.com/v1
                kind: SubNamespace
                metadata: {name: dev, namespace: team-a}
                """, "subnamespace.yaml");

        ValidationReport report = new DesignValidator(BuiltinKinds.load())
                .validate(parsed.design().orElseThrow(), accurateRegistry(), ServedKinds.none());

        assertThat(report.isValid()).isFalse();
        assertThat(report.isValid(true)).isTrue();
        assertThat(report.missingDependencies()).singleElement().satisfies(m -> {
            assertThat(m.provider()).contains(new ModelRef("accurate", "v1.0.0"));
            assertThat(m.remedy()).contains("--install-dependencies").contains("accurate.yaml");
        });
    }
}
