package io.meshwright.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference system's generated templates (one filled-in object per schema) against our schemas. */
class MesherySchemaTemplatesTest {
    @TempDir
    Path dir;

    @Test
    void theTemplatesAreReadTheEmptyKindComponentIsRejectedAtItsFieldAndTheSecondSameKeyRelationshipAsDuplicate() throws Exception {
        Path constructs = RegistryFixture.mesheryModels().resolve("_schemas/schemas/constructs");
        Path pkg = Files.createDirectories(dir.resolve("untitled/v0.0.1"));
        Files.copy(constructs.resolve("v1beta1/model/templates/model_template.json"), pkg.resolve("model.json"));
        Files.copy(constructs.resolve("v1beta1/component/templates/component_template.json"), pkg.resolve("component.json"));
        Files.copy(constructs.resolve("v1beta1/relationship/templates/relationship_template.json"), pkg.resolve("rel-v1beta1.json"));
        Files.copy(constructs.resolve("v1alpha3/relationship/templates/relationship_template.json"), pkg.resolve("rel-v1alpha3.json"));

        ImportReport report = RegistryFixture.open(dir, "r").importPath(dir.resolve("untitled"), ImportOptions.defaults());

        // Both relationship templates (v1beta1 and v1alpha3) describe the same hierarchical/parent relationship of
        // the same model version: one key, so the second is reported as a duplicate rather than stored twice.
        assertThat(report.created()).extracting(ImportReport.Entry::kind)
                .containsExactlyInAnyOrder(EntityKind.MODEL, EntityKind.RELATIONSHIP);
        assertThat(report.rejected()).hasSize(2);
        assertThat(report.rejected()).anySatisfy(r -> {
            assertThat(r.kind()).isEqualTo(EntityKind.COMPONENT);
            assertThat(r.problems()).anySatisfy(p -> assertThat(p.location().field()).isEqualTo("component.kind"));
        });
        assertThat(report.rejected()).anySatisfy(r -> {
            assertThat(r.kind()).isEqualTo(EntityKind.RELATIONSHIP);
            assertThat(r.problems().getFirst().code()).isEqualTo("entity.duplicate");
        });
    }
}
