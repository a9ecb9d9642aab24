package io.meshwright.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.spi.model.ModelRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryImportTest {
    @TempDir
    Path dir;

    @Test
    void importsTheRealAccuratePackageWithItsComponentAndRelationship() {
        Registry registry = RegistryFixture.open(dir, "r");

        ImportReport report = registry.importPath(RegistryFixture.accurate(), ImportOptions.defaults());

        assertThat(report.rejected()).isEmpty();
        assertThat(report.created()).extracting(ImportReport.Entry::kind)
                .containsExactly(EntityKind.MODEL, EntityKind.COMPONENT, EntityKind.RELATIONSHIP);
        ModelDetail detail = registry.model(ModelRef.any("accurate")).orElseThrow();
        assertThat(detail.summary().upstreamVersion()).isEqualTo("v1.4.3");
        assertThat(detail.summary().version()).isEqualTo("v1.0.0");
        assertThat(detail.summary().registrant()).isEqualTo("github");
        assertThat(detail.summary().category()).isEqualTo("Provisioning");
        assertThat(detail.components()).singleElement().satisfies(c -> {
            assertThat(c.summary().kind()).isEqualTo("SubNamespace");
            assertThat(c.summary().apiVersion()).isEqualTo("accurate.cybozu.com/v1");
            assertThat(c.summary().namespaced()).isTrue();
        });
        assertThat(detail.relationships()).singleElement().satisfies(r -> {
            assertThat(r.summary().fromKinds()).containsExactly("Namespace");
            assertThat(r.summary().toKinds()).containsExactly("SubNamespace");
        });
    }

    @Test
    void reimportingTheSamePackageReportsEverythingUnchangedAndStoresNoDuplicate() {
        Registry registry = RegistryFixture.open(dir, "r");
        registry.importPath(RegistryFixture.accurate(), ImportOptions.defaults());

        ImportReport again = registry.importPath(RegistryFixture.accurate(), ImportOptions.defaults());

        assertThat(again.created()).isEmpty();
        assertThat(again.updated()).isEmpty();
        assertThat(again.unchanged()).hasSize(3);
        assertThat(registry.components(ComponentQuery.all()).total()).isEqualTo(1);
        assertThat(registry.models(ModelQuery.all()).total()).isEqualTo(1);
    }

    @Test
    void aChangedComponentIsUpdatedInPlaceAndReportedAsUpdated() throws Exception {
        Registry registry = RegistryFixture.open(dir, "r");
        Path copy = copyTree(RegistryFixture.accurate(), dir.resolve("pkg"));
        registry.importPath(copy, ImportOptions.defaults());
        Path component = copy.resolve("v1.4.3/v1.0.0/components/SubNamespace.json");
        Files.writeString(component, Files.readString(component).replace("\"displayName\": \"Sub Namespace\"", "\"displayName\": \"Sub-namespace\""));

        ImportReport report = registry.importPath(copy, ImportOptions.defaults());

        assertThat(report.updated()).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo(EntityKind.COMPONENT));
        assertThat(report.unchanged()).hasSize(2);
        assertThat(registry.components(ComponentQuery.all()).items()).singleElement()
                .satisfies(c -> assertThat(c.displayName()).isEqualTo("Sub-namespace"));
    }

    @Test
    void dryRunReportsWhatWouldBeCreatedAndStoresNothing() {
        Registry registry = RegistryFixture.open(dir, "r");

        ImportReport report = registry.importPath(RegistryFixture.accurate(), ImportOptions.validateOnly());

        assertThat(report.dryRun()).isTrue();
        assertThat(report.created()).hasSize(3);
        assertThat(registry.models(ModelQuery.all()).total()).isZero();
    }

    @Test
    void oneInvalidComponentIsRejectedWithItsFieldWhileTheOthersAreStored() throws Exception {
        Registry registry = RegistryFixture.open(dir, "r");
        Path copy = copyTree(RegistryFixture.accurate(), dir.resolve("pkg"));
        Path components = copy.resolve("v1.4.3/v1.0.0/components");
        Files.writeString(components.resolve("Broken.json"), """
                {"schemaVersion": "components.meshery.io/v1beta1", "version": "v1.0.0",
                 "component": {"version": "example.com/v1", "kind": 42}}""");

        ImportReport report = registry.importPath(copy, ImportOptions.defaults());

        assertThat(report.created()).hasSize(3);
        assertThat(report.rejected()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(EntityKind.COMPONENT);
            assertThat(r.problems().getFirst().location().source()).endsWith("Broken.json");
            assertThat(r.problems().getFirst().location().field()).isEqualTo("component.kind");
            assertThat(r.problems().getFirst().location().line()).isEqualTo(2);
            assertThat(r.problems().getFirst().location().column()).isGreaterThan(40);
        });
    }

    @Test
    void aComponentSchemaStringThatIsNotJsonIsRejectedAtThatField() throws Exception {
        Registry registry = RegistryFixture.open(dir, "r");
        Path file = dir.resolve("bundle.json");
        Files.writeString(file, """
                {"schemaVersion": "models.meshwright.io/v1beta1", "name": "demo", "version": "v1.0.0", "registrant": "local",
                 "components": [
                   {"schemaVersion": "components.meshwright.io/v1beta1", "component": {"version": "v1", "kind": "Good", "schema": "{}"}},
                   {"schemaVersion": "components.meshwright.io/v1beta1", "component": {"version": "v1", "kind": "Bad", "schema": "{not json"}}
                 ]}""");

        ImportReport report = registry.importPath(file, ImportOptions.defaults());

        assertThat(report.created()).extracting(ImportReport.Entry::name).anyMatch(n -> n.endsWith("Good"));
        assertThat(report.rejected()).singleElement().satisfies(r -> {
            assertThat(r.problems().getFirst().location().field()).isEqualTo("components[1].component.schema");
            assertThat(r.problems().getFirst().location().line()).isEqualTo(4);
        });
    }

    @Test
    void aSingleYamlComponentFileFindsItsModelThroughItsEmbeddedModel() throws Exception {
        Registry registry = RegistryFixture.open(dir, "r");
        Path file = dir.resolve("widget.yaml");
        Files.writeString(file, """
                schemaVersion: components.meshwright.io/v1beta1
                version: v1.0.0
                model:
                  schemaVersion: models.meshwright.io/v1beta1
                  name: widgets
                  version: v1.0.0
                  registrant: local
                  model:
                    version: v0.1.0
                component:
                  version: widgets.example.com/v1
                  kind: Widget
                """, StandardCharsets.UTF_8);

        ImportReport report = registry.importPath(file, ImportOptions.defaults());

        assertThat(report.rejected()).isEmpty();
        assertThat(registry.components(new ComponentQuery(null, "widgets", "Widget", null, null, null, 0, 10)).total()).isEqualTo(1);
    }

    @Test
    void templateFoldersAndFilesThatHoldNoDefinitionsAreSkipped() throws Exception {
        Registry registry = RegistryFixture.open(dir, "r");
        Path copy = copyTree(RegistryFixture.accurate(), dir.resolve("models/accurate"));
        Files.createDirectories(dir.resolve("models/_model_template/v0/v1.0.0"));
        Files.writeString(dir.resolve("models/_model_template/v0/v1.0.0/model.json"), "{ not even json");
        Files.write(copy.resolve("icon.png"), new byte[64 << 20 >> 4]);

        ImportReport report = registry.importPath(dir.resolve("models"), new ImportOptions(false,
                new ImportLimits(1 << 20, 64 << 20, 1000, 50, 1_000_000, 100)));

        assertThat(report.rejected()).isEmpty();
        assertThat(report.created()).hasSize(3);
    }

    @Test
    void aPackageCanBeImportedFromAUrl() throws Exception {
        Registry source = RegistryFixture.open(dir, "source");
        source.importPath(RegistryFixture.accurate(), ImportOptions.defaults());
        Path archive = dir.resolve("accurate.tgz");
        try (var out = Files.newOutputStream(archive)) {
            source.export(ModelRef.any("accurate"), ExportFormat.TAR_GZ, out);
        }

        com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        byte[] bytes = Files.readAllBytes(archive);
        http.createContext("/accurate.tgz", exchange -> {
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        http.start();
        try {
            // The server is on loopback, which the engine refuses unless told otherwise (serve --allow-private-urls).
            Registry fresh = new Registry(io.meshwright.engine.store.Database.open(dir.resolve("fresh.db"), Registry.migrations()),
                    RegistryFixture.CLOCK, ImportLimits.defaults(), new io.meshwright.engine.fetch.UrlFetcher(
                            io.meshwright.engine.fetch.UrlFetcher.Settings.defaults().withAllowPrivate(true)));
            ImportReport report = fresh.importUrl(java.net.URI.create("http://127.0.0.1:" + http.getAddress().getPort()
                    + "/accurate.tgz"), ImportOptions.defaults());

            assertThat(report.rejected()).isEmpty();
            assertThat(report.created()).hasSize(3);
        } finally {
            http.stop(0);
        }
    }

    static Path copyTree(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return to;
    }
}
