package io.meshwright.engine.design;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.design.Design;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Holds the services reader to Meshery's own v1alpha2 design schema. */
class ServicesFormatSchemaTest {

    private static final String ALL_FIELDS = """
            name: every-field
            version: 0.0.2
            services:
              web:
                id: 5b4a4c40-0d7c-4c3b-9d7e-4d2f8a0f6c11
                name: web
                type: Deployment.K8s
                apiVersion: apps/v1
                namespace: shop
                version: v1.31.0
                model: kubernetes
                isAnnotation: false
                labels: {app: web}
                annotations: {owner: team-a}
                dependsOn: [shop]
                settings: {spec: {replicas: 2}}
                traits: {meshmap: {id: node-web}}
              shop:
                name: shop
                type: Namespace
                apiVersion: v1
                model: kubernetes
              sticky-note:
                name: sticky-note
                type: Comment
                apiVersion: core.meshery.io/v1alpha1
                model: meshery-core
                isAnnotation: true
            """;

    @Test
    void theInputsConformToMesherysV1alpha2Schema() throws IOException {
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(SchemaLocation.of(
                RealData.file("meshery-models/_schemas/schemas/constructs/v1alpha2/design.yaml").toUri().toString()));
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

        assertThat(schema.validate(yaml.readTree(ALL_FIELDS))).isEmpty();
        assertThat(schema.validate(yaml.readTree(RealData.file("meshery-designs/meshery/emojivoto.yaml").toFile()))).isEmpty();
        assertThat(schema.validate(yaml.readTree(RealData.file("meshery-designs/schemas/design.yml").toFile()))).isEmpty();
    }

    @Test
    void readsEveryFieldTheSchemaDefinesForAService() {
        DesignParseResult result = new DesignParser().parse(ALL_FIELDS, "every-field.yaml");

        assertThat(result.errors()).isEmpty();
        Design design = result.design().orElseThrow();
        assertThat(design.version()).isEqualTo("0.0.2");
        ComponentDeclaration web = design.component("web").orElseThrow();
        assertThat(web.dependsOn()).containsExactly("shop");
        assertThat(web.namespace()).isEqualTo("shop");
        assertThat(web.configuration()).containsEntry("spec", Map.of("replicas", 2)).containsEntry("metadata",
                Map.of("labels", Map.of("app", "web"), "annotations", Map.of("owner", "team-a")));
        assertThat(design.component("sticky-note").orElseThrow().annotation()).isTrue();
        assertThat(design.deployableComponents()).extracting(ComponentDeclaration::id).containsExactly("web", "shop");
    }
}
