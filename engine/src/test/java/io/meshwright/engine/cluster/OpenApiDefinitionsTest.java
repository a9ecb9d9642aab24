package io.meshwright.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwright.spi.model.Gvk;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiDefinitionsTest {

    private static final String DOCUMENT = """
            {"swagger": "2.0", "paths": {"/api": {}},
             "definitions": {
               "io.k8s.api.core.v1.ConfigMap": {
                 "type": "object",
                 "properties": {"metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"},
                                "data": {"type": "object"}},
                 "x-kubernetes-group-version-kind": [{"group": "", "kind": "ConfigMap", "version": "v1"}]},
               "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {
                 "type": "object",
                 "properties": {"ownerReferences": {"type": "array",
                   "items": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"}}}},
               "io.k8s.api.core.v1.Unrelated": {"type": "object"},
               "com.example.v1.Widget": {"type": "object",
                 "x-kubernetes-group-version-kind": [{"group": "example.com", "kind": "Widget", "version": "v1"}]}
             }}
            """;

    @Test
    void aKindsSchemaCarriesEveryDefinitionItReachesAndNothingElse() {
        OpenApiDefinitions definitions = OpenApiDefinitions.parse(DOCUMENT, new ObjectMapper(), n -> n.startsWith("io.k8s."));

        Map<String, Object> schema = definitions.schema(new Gvk("", "v1", "ConfigMap")).orElseThrow();

        assertThat(schema).containsEntry("$ref", "#/definitions/io.k8s.api.core.v1.ConfigMap");
        assertThat(ObjectTree.map(schema, "definitions")).containsOnlyKeys(
                "io.k8s.api.core.v1.ConfigMap", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    }

    @Test
    void definitionsNotKeptAreSkippedWhileStreaming() {
        OpenApiDefinitions definitions = OpenApiDefinitions.parse(DOCUMENT, new ObjectMapper(), n -> n.startsWith("io.k8s."));

        assertThat(definitions.schema(new Gvk("example.com", "v1", "Widget"))).isEmpty();
    }
}
