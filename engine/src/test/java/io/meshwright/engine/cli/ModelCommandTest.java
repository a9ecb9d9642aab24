package io.meshwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.engine.api.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshwright model|component|relationship …} in-process against a real engine API on loopback. */
class ModelCommandTest {

    @TempDir
    Path dir;

    @TempDir
    Path home;

    private TestServer api;
    private Map<String, String> env;

    @BeforeEach
    void start() {
        api = new TestServer(dir);
        env = Map.of("MESHWRIGHT_SERVER", api.url(), "MESHWRIGHT_TOKEN", TestServer.TOKEN);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private CliTestSupport.Run meshwright(String... args) {
        return CliTestSupport.run(env, home, args);
    }

    @Test
    void importOfTheExamplesPrintsWhatWasCreatedAndASummary() {
        CliTestSupport.Run run = meshwright("model", "import", "--examples");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("created   model").contains("bundled examples: created ");
        assertThat(meshwright("model", "import", "--examples").out()).contains("created 0, updated 0, unchanged ");
    }

    @Test
    void modelListAndComponentListPrintTablesFilteredByKindAndModel() {
        meshwright("model", "import", "--examples");

        CliTestSupport.Run models = meshwright("model", "list");
        CliTestSupport.Run components = meshwright("component", "list", "--kind", "Deployment", "--model", "kubernetes");

        assertThat(models.out().lines().findFirst().orElseThrow()).startsWith("NAME").contains("COMPONENTS");
        assertThat(models.out()).contains("kubernetes").contains("v1.30.0");
        assertThat(components.out().lines().toList()).hasSize(2);
        assertThat(components.out().lines().skip(1).findFirst().orElseThrow()).startsWith("Deployment").contains("apps/v1");
    }

    @Test
    void listingsPrintJsonAndYamlAsTheEngineSentThem() {
        meshwright("model", "import", "--examples");

        assertThat(meshwright("model", "list", "-o", "json").out()).contains("\"items\"").contains("\"total\"");
        assertThat(meshwright("relationship", "list", "-o", "yaml").out()).contains("items:").contains("total:");
    }

    @Test
    void viewShowsTheModelAndItsComponents() {
        meshwright("model", "import", "--examples");

        CliTestSupport.Run run = meshwright("model", "view", "kubernetes@v1.30.0");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("kubernetes").contains("KIND").contains("Namespace").contains("ConfigMap");
    }

    @Test
    void exportRoundTripsThroughImportUnchanged() throws Exception {
        meshwright("model", "import", "--examples");
        Path file = home.resolve("certs.tar.gz");

        CliTestSupport.Run export = meshwright("model", "export", "example-certs", "--format", "tar.gz", "-o", file.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(Files.size(file)).isPositive();

        CliTestSupport.Run again = meshwright("model", "import", file.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("created 0, updated 0, unchanged ").contains("rejected 0");
    }

    @Test
    void statusAndDeleteChangeTheModelAndAnUnknownModelIsExitCodeThree() {
        meshwright("model", "import", "--examples");

        assertThat(meshwright("model", "status", "example-certs", "ignored").out()).contains("is ignored");
        assertThat(meshwright("model", "delete", "example-certs").out()).startsWith("deleted example-certs@");
        CliTestSupport.Run missing = meshwright("model", "view", "example-certs");
        assertThat(missing.exitCode()).isEqualTo(ErrorReporter.NOT_FOUND);
        assertThat(missing.err()).startsWith("Error: Not found: no model example-certs");
    }

    @Test
    void importWithRejectionsListsEachProblemWithItsLocationAndExitsFour() throws Exception {
        Path bad = Files.writeString(home.resolve("bad.json"), "{\n  \"name\": \"x\",\n  oops\n}");

        CliTestSupport.Run run = meshwright("model", "import", bad.toString());

        assertThat(run.exitCode()).isEqualTo(ErrorReporter.INVALID);
        assertThat(run.out()).contains("rejected").containsPattern("bad\\.json:3:\\d+");
    }

    @Test
    void dryRunOfARealModelPackageStoresNothing() {
        Path accurate = Path.of("").toAbsolutePath().getParent().resolve("../shared/real-data/meshery-models/accurate").normalize();
        Assumptions.assumeTrue(Files.isDirectory(accurate), "the shared real data (../shared/real-data) is not present");

        CliTestSupport.Run run = meshwright("model", "import", accurate.toString(), "--dry-run");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("(dry run: nothing stored)");
        assertThat(meshwright("model", "list", "-o", "json").out()).contains("\"total\" : 0");
    }
}
