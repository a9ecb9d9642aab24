package io.meshwright.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputTest {
    private static final String MODEL = """
            {"schemaVersion": "models.meshwright.io/v1beta1", "name": "evil", "version": "v1.0.0", "registrant": "local"}""";

    @TempDir
    Path dir;

    @Test
    void aZipEntryClimbingOutWithDotDotRefusesTheWholeArchive() throws Exception {
        Registry registry = RegistryFixture.open(dir, "r");
        byte[] zip = zip(List.of("evil/model.json", "../../etc/evil.json"), MODEL);

        ImportReport report = registry.importBytes("evil.zip", zip, ImportOptions.defaults());

        assertThat(report.created()).isEmpty();
        assertThat(report.rejected()).singleElement().satisfies(r ->
                assertThat(r.problems().getFirst().code()).isEqualTo("archive.path-traversal"));
        assertThat(registry.models(ModelQuery.all()).total()).isZero();
    }

    @Test
    void aTarEntryWithAnAbsolutePathRefusesTheWholeArchive() throws Exception {
        Registry registry = RegistryFixture.open(dir, "r");
        byte[] tar = Tar.toBytes(List.of(new Tar.Entry("ok/model.json", MODEL.getBytes(StandardCharsets.UTF_8)),
                new Tar.Entry("/etc/model.json", MODEL.getBytes(StandardCharsets.UTF_8))));

        ImportReport report = registry.importBytes("evil.tar", gzip(tar), ImportOptions.defaults());

        assertThat(report.rejected()).singleElement().satisfies(r ->
                assertThat(r.problems().getFirst().code()).isEqualTo("archive.path-traversal"));
        assertThat(registry.models(ModelQuery.all()).total()).isZero();
    }

    @Test
    void anArchiveThatExpandsPastTheLimitIsRefusedAsABomb() throws Exception {
        Registry registry = RegistryFixture.open(dir, "r");
        byte[] zeros = new byte[8 << 20];
        byte[] bomb = gzip(Tar.toBytes(List.of(new Tar.Entry("pkg/model.json", MODEL.getBytes(StandardCharsets.UTF_8)),
                new Tar.Entry("pkg/padding.json", zeros))));
        ImportLimits small = new ImportLimits(16 << 20, 4 << 20, 1000, 50, 100_000, 100);

        ImportReport report = registry.importBytes("bomb.tar.gz", bomb, new ImportOptions(false, small));

        assertThat(bomb.length).isLessThan(64 * 1024);
        assertThat(report.rejected()).singleElement().satisfies(r ->
                assertThat(r.problems().getFirst().code()).isEqualTo("archive.too-large"));
        assertThat(registry.models(ModelQuery.all()).total()).isZero();
    }

    @Test
    void aFileOverTheSizeLimitIsNotRead() throws Exception {
        Registry registry = RegistryFixture.open(dir, "r");
        Path big = dir.resolve("big.json");
        Files.writeString(big, MODEL + " ".repeat(2048));
        ImportLimits tiny = new ImportLimits(1024, 1 << 20, 1000, 50, 100_000, 100);

        ImportReport report = registry.importPath(big, new ImportOptions(false, tiny));

        assertThat(report.rejected()).singleElement().satisfies(r ->
                assertThat(r.problems().getFirst().code()).isEqualTo("file.too-large"));
    }

    @Test
    void aYamlAliasBombIsRefusedWithoutExpandingIt() throws Exception {
        Registry registry = RegistryFixture.open(dir, "r");
        StringBuilder yaml = new StringBuilder("schemaVersion: models.meshwright.io/v1beta1\nname: bomb\nversion: v1.0.0\n");
        yaml.append("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char previous = 'a';
        for (char level = 'b'; level <= 'i'; level++) {
            yaml.append(level).append(": &").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            yaml.append("]\n");
            previous = level;
        }
        Path file = dir.resolve("bomb.yaml");
        Files.writeString(file, yaml);

        ImportReport report = registry.importPath(file, ImportOptions.defaults());

        assertThat(report.rejected()).singleElement().satisfies(r ->
                assertThat(r.problems().getFirst().code()).isEqualTo("parse.yaml-aliases"));
        assertThat(registry.models(ModelQuery.all()).total()).isZero();
    }

    @Test
    void aFewYamlAliasesAreExpandedLikeAnyYamlReaderWould() throws Exception {
        Registry registry = RegistryFixture.open(dir, "r");
        Path file = dir.resolve("aliases.yaml");
        Files.writeString(file, """
                schemaVersion: models.meshwright.io/v1beta1
                name: &n aliased
                displayName: *n
                version: v1.0.0
                """);

        registry.importPath(file, ImportOptions.defaults());

        assertThat(registry.models(ModelQuery.all()).items()).singleElement()
                .satisfies(m -> assertThat(m.displayName()).isEqualTo("aliased"));
    }

    @Test
    void invalidUtf8IsRejectedWithTheLineAndColumnOfTheBadByte() throws Exception {
        Registry registry = RegistryFixture.open(dir, "r");
        Path file = dir.resolve("latin1.json");
        byte[] text = "{\n  \"name\": \"caf\u00e9\"\n}".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, text);

        ImportReport report = registry.importPath(file, ImportOptions.defaults());

        assertThat(report.rejected()).singleElement().satisfies(r -> {
            assertThat(r.problems().getFirst().code()).isEqualTo("parse.encoding");
            assertThat(r.problems().getFirst().location().line()).isEqualTo(2);
            assertThat(r.problems().getFirst().location().column()).isEqualTo(15);
        });
    }

    @Test
    void anUnknownSchemaVersionIsRejectedNamingTheKnownOnes() throws Exception {
        Registry registry = RegistryFixture.open(dir, "r");
        Path file = dir.resolve("future.json");
        Files.writeString(file, "{\"schemaVersion\": \"models.meshery.io/v9\", \"name\": \"x\", \"version\": \"v1\"}");

        ImportReport report = registry.importPath(file, ImportOptions.defaults());

        assertThat(report.rejected()).singleElement().satisfies(r -> {
            assertThat(r.problems().getFirst().code()).isEqualTo("schema.unknown-version");
            assertThat(r.problems().getFirst().message()).contains("'models.meshery.io/v9'").contains("models.meshery.io/v1beta1");
            assertThat(r.problems().getFirst().location().field()).isEqualTo("schemaVersion");
        });
    }

    @Test
    void aJsonSyntaxErrorIsReportedWithLineAndColumn() throws Exception {
        Registry registry = RegistryFixture.open(dir, "r");
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\n  \"schemaVersion\": \"models.meshwright.io/v1beta1\",\n  \"name\": \"x\" \"version\": \"v1\"\n}");

        ImportReport report = registry.importPath(file, ImportOptions.defaults());

        assertThat(report.rejected()).singleElement().satisfies(r -> {
            assertThat(r.problems().getFirst().code()).isEqualTo("parse.syntax");
            assertThat(r.problems().getFirst().location().line()).isEqualTo(3);
            assertThat(r.problems().getFirst().location().column()).isGreaterThan(10);
        });
    }

    @Test
    void aRejectedModelTakesItsComponentsWithItSoNothingIsStoredHalf() throws Exception {
        Registry registry = RegistryFixture.open(dir, "r");
        Path pkg = Files.createDirectories(dir.resolve("m/v1/v1.0.0/components"));
        Files.writeString(pkg.getParent().resolve("model.json"), "{\"schemaVersion\": \"models.meshwright.io/v1beta1\", \"name\": \"bad name!\", \"version\": \"v1.0.0\"}");
        Files.writeString(pkg.resolve("A.json"), "{\"schemaVersion\": \"components.meshwright.io/v1beta1\", \"component\": {\"version\": \"v1\", \"kind\": \"A\"}}");

        ImportReport report = registry.importPath(dir.resolve("m"), ImportOptions.defaults());

        assertThat(report.created()).isEmpty();
        assertThat(report.rejected()).extracting(ImportReport.Rejection::kind).containsExactlyInAnyOrder(EntityKind.MODEL, EntityKind.COMPONENT);
        assertThat(registry.components(ComponentQuery.all()).total()).isZero();
    }

    private static byte[] zip(List<String> names, String content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(content.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content);
        }
        return bytes.toByteArray();
    }
}
