package io.meshwright.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwright.spi.model.ModelRef;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExportRoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void anExportImportsIntoAFreshStoreWithEveryDocumentUnchanged(ExportFormat format) throws Exception {
        Registry source = RegistryFixture.open(dir, "source");
        source.importPath(RegistryFixture.accurate(), ImportOptions.defaults());
        ModelDetail original = source.model(Registry.parseRef("accurate@v1.4.3")).orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        source.export(Registry.parseRef("accurate@v1.4.3"), format, out);
        Path file = dir.resolve(format == ExportFormat.OCI ? "accurate-oci.tar" : "accurate.tar.gz");
        Files.write(file, out.toByteArray());

        Registry fresh = RegistryFixture.open(dir, "fresh");
        ImportReport first = fresh.importPath(file, ImportOptions.defaults());
        ImportReport again = source.importPath(file, ImportOptions.defaults());

        assertThat(first.rejected()).isEmpty();
        assertThat(first.created()).hasSize(3);
        assertThat(again.unchanged()).hasSize(3);
        ModelDetail copy = fresh.model(ModelRef.any("accurate")).orElseThrow();
        assertThat(copy.document()).isEqualTo(original.document());
        assertThat(copy.summary().contentHash()).isEqualTo(original.summary().contentHash());
        assertThat(copy.components()).extracting(ModelDetail.StoredComponent::document)
                .containsExactlyElementsOf(original.components().stream().map(ModelDetail.StoredComponent::document).toList());
        assertThat(copy.relationships()).extracting(ModelDetail.StoredRelationship::document)
                .containsExactlyElementsOf(original.relationships().stream().map(ModelDetail.StoredRelationship::document).toList());
    }

    @Test
    void theOciExportIsAnImageLayoutWithOneGzipLayer() throws Exception {
        Registry registry = RegistryFixture.open(dir, "r");
        registry.importPath(RegistryFixture.accurate(), ImportOptions.defaults());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        registry.export(ModelRef.any("accurate"), ExportFormat.OCI, out);

        var entries = Tar.read(new java.io.ByteArrayInputStream(out.toByteArray()),
                new ExpansionBudget(ImportLimits.defaults()), "oci");
        assertThat(entries).extracting(Tar.Entry::name).contains("oci-layout", "index.json")
                .anyMatch(name -> name.startsWith("blobs/sha256/"));
    }

    @Test
    void anOciLayoutDirectoryImportsToo() throws Exception {
        Registry registry = RegistryFixture.open(dir, "r");
        registry.importPath(RegistryFixture.accurate(), ImportOptions.defaults());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        registry.export(ModelRef.any("accurate"), ExportFormat.OCI, out);
        Path layout = Files.createDirectories(dir.resolve("layout"));
        for (Tar.Entry entry : Tar.read(new java.io.ByteArrayInputStream(out.toByteArray()), new ExpansionBudget(ImportLimits.defaults()), "oci")) {
            Path target = layout.resolve(entry.name());
            Files.createDirectories(target.getParent());
            Files.write(target, entry.content());
        }

        ImportReport report = RegistryFixture.open(dir, "fresh").importPath(layout, ImportOptions.defaults());

        assertThat(report.rejected()).isEmpty();
        assertThat(report.created()).hasSize(3);
    }

    @Test
    void exportingAnUnknownModelSaysSo() {
        Registry registry = RegistryFixture.open(dir, "r");

        assertThatThrownBy(() -> registry.export(ModelRef.any("nope"), ExportFormat.TAR_GZ, new ByteArrayOutputStream()))
                .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("nope");
    }
}
