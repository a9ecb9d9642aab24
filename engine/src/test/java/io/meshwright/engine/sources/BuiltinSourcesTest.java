package io.meshwright.engine.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.meshwright.engine.design.RealData;
import io.meshwright.engine.registry.ExportFormat;
import io.meshwright.engine.registry.ImportOptions;
import io.meshwright.engine.registry.Registry;
import io.meshwright.engine.store.Database;
import io.meshwright.spi.extension.GenerationResult;
import io.meshwright.spi.extension.ModelSource;
import io.meshwright.spi.extension.ModelSourceException;
import io.meshwright.spi.model.ModelRef;
import io.meshwright.spi.model.SourceRef;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each built-in source is found by {@code supports} like a plugin's, and reads real files of its kind. */
class BuiltinSourcesTest {

    @TempDir
    Path dir;

    private Database database;
    private Registry registry;
    private ModelSources sources;
    private Path packageFolder;

    @BeforeEach
    void setUp() throws Exception {
        database = Database.open(dir.resolve("store.db"), Registry.migrations());
        // The test's HTTP server listens on loopback, which the engine refuses unless the operator allows it.
        registry = new Registry(database, Clock.systemUTC(), io.meshwright.engine.registry.ImportLimits.defaults(),
                new io.meshwright.engine.fetch.UrlFetcher(io.meshwright.engine.fetch.UrlFetcher.Settings.defaults()
                        .withAllowPrivate(true)));
        sources = new ModelSources(ModelSources.builtIns(registry, registry.defaultLimits(), List::of), List::of);
        packageFolder = Path.of(BuiltinSourcesTest.class.getResource("/registry/examples/example-certs").toURI());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private String sourceFor(String text) {
        return sources.find(GenerateModels.canonical(SourceRef.parse(text))).map(ModelSource::name).orElse("none");
    }

    @Test
    void eachLocalFormIsServedByItsBuiltinSource() throws Exception {
        registry.importExamples(ImportOptions.defaults());
        Path archive = dir.resolve("certs.tar.gz");
        Path ociTar = dir.resolve("certs.tar");
        try (OutputStream out = Files.newOutputStream(archive)) {
            registry.export(ModelRef.any("example-certs"), ExportFormat.TAR_GZ, out);
        }
        try (OutputStream out = Files.newOutputStream(ociTar)) {
            registry.export(ModelRef.any("example-certs"), ExportFormat.OCI, out);
        }
        Path ociFolder = Files.createDirectories(dir.resolve("oci"));
        assertThat(new ProcessBuilder("tar", "-xf", ociTar.toString(), "-C", ociFolder.toString()).start().waitFor()).isZero();
        Path zip = dir.resolve("certs.zip");
        assertThat(new ProcessBuilder("sh", "-c", "cd '" + packageFolder + "' && python3 -m zipfile -c '" + zip + "' v0.3.0")
                .start().waitFor()).isZero();
        Path sheet = Files.writeString(dir.resolve("models.csv"), "Model,Display Name\n");

        assertThat(sourceFor(packageFolder.toString())).isEqualTo("package");
        assertThat(sourceFor("file:" + packageFolder.resolve("v0.3.0/v1.0.0/model.json"))).isEqualTo("document");
        assertThat(sourceFor(archive.toString())).isEqualTo("archive");
        assertThat(sourceFor(zip.toString())).isEqualTo("archive");
        assertThat(sourceFor(ociTar.toString())).isEqualTo("oci-layout");
        assertThat(sourceFor(ociFolder.toString())).isEqualTo("oci-layout");
        assertThat(sourceFor(sheet.toString())).isEqualTo("csv");
        assertThat(sourceFor("https://example.com/models.tar.gz")).isEqualTo("url");
        assertThat(sourceFor("cluster")).isEqualTo("cluster");
        assertThat(sourceFor("helm:https://charts.jetstack.io/cert-manager")).as("no built-in knows helm").isEqualTo("none");
        assertThat(sourceFor(dir.resolve("missing").toString())).isEqualTo("none");

        for (Path input : List.of(packageFolder, archive, zip, ociTar, ociFolder)) {
            assertThat(generate(input.toString()).files()).as(input.toString())
                    .anySatisfy(file -> assertThat(file.path()).endsWith("model.json"));
        }
    }

    @Test
    void theFingerprintIsTheContentsSoARunGivenItBackIsUnchanged() {
        GenerationResult first = generate(packageFolder.toString());
        ModelSource source = sources.find(GenerateModels.canonical(SourceRef.parse(packageFolder.toString()))).orElseThrow();

        GenerationResult again = source.generate(GenerateModels.canonical(SourceRef.parse(packageFolder.toString())),
                Optional.of(first.fingerprint()));

        assertThat(first.unchanged()).isFalse();
        assertThat(first.fingerprint()).hasSize(64);
        assertThat(again.unchanged()).isTrue();
        assertThat(again.files()).isEmpty();
        assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
    }

    @Test
    void aUrlIsDownloadedAndReadLikeTheFileItServes() throws Exception {
        registry.importExamples(ImportOptions.defaults());
        Path archive = dir.resolve("certs.tar.gz");
        try (OutputStream out = Files.newOutputStream(archive)) {
            registry.export(ModelRef.any("example-certs"), ExportFormat.TAR_GZ, out);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/certs.tar.gz", exchange -> {
            byte[] body = Files.readAllBytes(archive);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/certs.tar.gz";
            assertThat(sourceFor(url)).isEqualTo("url");
            assertThat(generate(url).files()).anySatisfy(file -> assertThat(file.path()).endsWith("model.json"));
            assertThat(generate(url).fingerprint()).isEqualTo(generate(archive.toString()).fingerprint());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void realCsvSheetsAreReadByTheCsvSource() {
        Path sheets = RealData.file("meshery-models/_csv/mesheryctl/tests/e2e/002-model/fixtures/real-valid-csv");
        Path copy = dir.resolve("sheets");
        copyFolder(sheets, copy);

        assertThat(sourceFor(copy.toString())).isEqualTo("csv");
        assertThat(generate(copy.toString()).files()).allSatisfy(file -> assertThat(file.path()).endsWith(".csv"));
    }

    @Test
    void aHostileArchiveRefusesTheWholeSourceNamingTheEntry() throws Exception {
        Path evil = dir.resolve("evil.tar");
        assertThat(new ProcessBuilder("python3", "-c", "import tarfile,io\n"
                + "t=tarfile.open('" + evil + "','w')\ni=tarfile.TarInfo('../escape.json')\ni.size=2\n"
                + "t.addfile(i,io.BytesIO(b'{}'))\nt.close()").start().waitFor()).isZero();

        assertThatThrownBy(() -> generate(evil.toString())).isInstanceOf(ModelSourceException.class)
                .hasMessageContaining("../escape.json").hasMessageContaining("outside the archive");
    }

    @Test
    void aPluginSourceServesTypesTheBuiltinsDoNotKnowAndOneWhoseSupportsThrowsIsSkipped() {
        ModelSource throwing = source("broken", ref -> {
            throw new IllegalStateException("bug in supports");
        });
        ModelSource helm = source("helm", ref -> ref.type().equals("helm"));
        ModelSource greedy = source("greedy", ref -> true);
        ModelSources withPlugins = new ModelSources(ModelSources.builtIns(registry, registry.defaultLimits(), List::of),
                () -> List.of(throwing, helm, greedy));

        assertThat(withPlugins.find(SourceRef.parse("helm:https://charts.jetstack.io/cert-manager"))).contains(helm);
        assertThat(withPlugins.find(GenerateModels.canonical(SourceRef.parse(packageFolder.toString()))))
                .as("a built-in form stays with the built-in source").get().extracting(ModelSource::name).isEqualTo("package");
        assertThat(withPlugins.installed()).extracting(ModelSources.Installed::name).endsWith("broken", "helm", "greedy");
    }

    private static ModelSource source(String name, java.util.function.Predicate<SourceRef> supports) {
        return new ModelSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean supports(SourceRef ref) {
                return supports.test(ref);
            }

            @Override
            public GenerationResult generate(SourceRef ref, Optional<String> previousFingerprint) {
                return GenerationResult.unchanged("x");
            }
        };
    }

    private GenerationResult generate(String text) {
        SourceRef ref = GenerateModels.canonical(SourceRef.parse(text));
        return sources.find(ref).orElseThrow().generate(ref, Optional.empty());
    }

    private static void copyFolder(Path from, Path to) {
        try (var files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
