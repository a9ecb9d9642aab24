package io.meshwright.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.spi.model.ModelRef;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvImportTest {
    @TempDir
    Path dir;

    @Test
    void theMesheryctlFixtureSheetsImportAsOneModelWithAComponentAndARelationship() throws Exception {
        Path fixture = RegistryFixture.mesheryModels().resolve("_csv/mesheryctl/tests/e2e/002-model/fixtures/real-valid-csv");
        Registry registry = RegistryFixture.open(dir, "r");

        ImportReport report = registry.importPath(fixture, ImportOptions.defaults());

        assertThat(report.rejected()).isEmpty();
        ModelDetail model = registry.model(ModelRef.any("test-model")).orElseThrow();
        assertThat(model.summary().registrant()).isEqualTo("meshery");
        assertThat(model.summary().displayName()).isEqualTo("Test Model");
        assertThat(model.components()).singleElement().satisfies(c -> assertThat(c.summary().kind()).isEqualTo("test-component"));
        assertThat(model.relationships()).singleElement().satisfies(r -> {
            assertThat(r.summary().kind()).isEqualTo("edge");
            assertThat(r.summary().type()).isEqualTo("binding");
            assertThat(r.summary().subType()).isEqualTo("test");
        });
    }

    @Test
    void theModelsTemplateWithItsSummaryRowAboveTheHeaderImports() throws Exception {
        Path template = RegistryFixture.mesheryModels().resolve("_csv/mesheryctl/templates/template-csvs/Models.csv");
        Registry registry = RegistryFixture.open(dir, "r");

        ImportReport report = registry.importPath(template, ImportOptions.defaults());

        assertThat(report.rejected()).isEmpty();
        ModelSummary couchbase = registry.model(ModelRef.any("couchbase")).orElseThrow().summary();
        assertThat(couchbase.displayName()).isEqualTo("Couchbase");
        assertThat(couchbase.category()).isEqualTo("Orchestration & Management");
        assertThat(couchbase.registrant()).isEqualTo("github");
    }

    @Test
    void theRelationshipsTemplateAttachesItsWildcardRowToEveryStoredVersionOfTheModel() throws Exception {
        Registry registry = RegistryFixture.open(dir, "r");
        for (String version : new String[] {"v1.30.0", "v1.31.0"}) {
            Path file = dir.resolve("k8s-" + version + ".json");
            Files.writeString(file, "{\"schemaVersion\": \"models.meshwright.io/v1beta1\", \"name\": \"kubernetes\", "
                    + "\"version\": \"v1.0.0\", \"registrant\": \"github\", \"model\": {\"version\": \"" + version + "\"}}");
            registry.importPath(file, ImportOptions.defaults());
        }
        Path template = RegistryFixture.mesheryModels().resolve("_csv/mesheryctl/templates/template-csvs/Relationships.csv");

        ImportReport report = registry.importPath(template, ImportOptions.defaults());

        assertThat(report.rejected()).isEmpty();
        Page<RelationshipSummary> relationships = registry.relationships(
                new RelationshipQuery(null, "kubernetes", "edge", "binding", "firewall", "Pod", 0, 10));
        assertThat(relationships.items()).hasSize(2).allSatisfy(r -> {
            assertThat(r.fromKinds()).contains("Pod");
            assertThat(r.toKinds()).contains("Pod");
        });
    }

    @Test
    void aCsvWithoutAKnownHeaderIsRejectedAsAFile() throws Exception {
        Path file = dir.resolve("models.csv");
        Files.writeString(file, "a,b,c\n1,2,3\n");

        ImportReport report = RegistryFixture.open(dir, "r").importPath(file, ImportOptions.defaults());

        assertThat(report.rejected()).singleElement().satisfies(r -> assertThat(r.problems().getFirst().code()).isEqualTo("csv.header"));
    }
}
