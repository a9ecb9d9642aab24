package io.meshwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwright.engine.Engine;
import io.meshwright.engine.EngineConfig;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against a real engine: designs named by their full path or --name, and TLS with a self-signed CA. */
class SafetyCommandTest {

    @TempDir
    Path dir;

    @TempDir
    Path home;

    private static final String MANIFEST = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n";

    @Test
    void twoManifestFilesNamedAlikeAreTwoDesignsAndNameGivesOneExplicitly() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app")).resolve("deploy.yaml");
        Path db = Files.createDirectories(dir.resolve("db")).resolve("deploy.yaml");
        Files.writeString(app, MANIFEST);
        Files.writeString(db, MANIFEST.replace("cfg", "db-cfg"));
        try (Engine engine = Engine.start(EngineConfig.defaults(dir.resolve("data")).withPorts(0, 0), Clock.systemUTC())) {
            Map<String, String> env = Map.of("MESHWRIGHT_SERVER", engine.httpUrl(), "MESHWRIGHT_TOKEN", engine.token());

            assertThat(CliTestSupport.run(env, home, "design", "save", "-f", app.toString()).exitCode()).isZero();
            assertThat(CliTestSupport.run(env, home, "design", "save", "-f", db.toString()).exitCode()).isZero();
            assertThat(CliTestSupport.run(env, home, "design", "save", "--name", "shop", "-f", db.toString()).exitCode()).isZero();
            CliTestSupport.Run list = CliTestSupport.run(env, home, "design", "list", "-o", "json");

            JsonNode items = new ObjectMapper().readTree(list.out()).path("items");
            assertThat(items).hasSize(3);
            assertThat(items.findValuesAsText("name")).contains("shop").filteredOn(n -> n.startsWith("deploy-")).hasSize(2);
            assertThat(items.findValuesAsText("source")).contains(app.toString(), db.toString());
        }
    }

    @Test
    void aLocalModelFolderIsUploadedByTheCliSinceTheEngineReadsNoPaths() throws Exception {
        Path folder = Path.of(getClass().getResource("/registry/examples/example-certs").toURI());
        try (Engine engine = Engine.start(EngineConfig.defaults(dir.resolve("data")).withPorts(0, 0), Clock.systemUTC())) {
            Map<String, String> env = Map.of("MESHWRIGHT_SERVER", engine.httpUrl(), "MESHWRIGHT_TOKEN", engine.token());

            CliTestSupport.Run folderImport = CliTestSupport.run(env, home, "model", "import", folder.toString());
            CliTestSupport.Run fileUrl = CliTestSupport.run(env, home, "model", "import", folder.toUri().toString());

            assertThat(folderImport.exitCode()).as(folderImport.out() + folderImport.err()).isZero();
            assertThat(folderImport.out()).contains("created   model").contains("example-certs");
            assertThat(fileUrl.exitCode()).as(fileUrl.out() + fileUrl.err()).isZero();
            assertThat(fileUrl.out()).contains("created 0, updated 0");
        }
    }

    @Test
    void theCliTalksHttpsToAnEngineServingTlsWhenToldToTrustItsCertificate() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        selfSigned(cert, key);
        EngineConfig.ListenerSettings tls = new EngineConfig.ListenerSettings(64L << 20, 16 << 20, false, Optional.of(cert), Optional.of(key));
        try (Engine engine = Engine.start(EngineConfig.defaults(dir.resolve("data")).withPorts(0, 0).withListener(tls), Clock.systemUTC())) {
            assertThat(engine.httpUrl()).startsWith("https://");
            Map<String, String> trusting = Map.of("MESHWRIGHT_SERVER", engine.httpUrl(), "MESHWRIGHT_TOKEN", engine.token(),
                    "MESHWRIGHT_CA_CERT", cert.toString());
            Map<String, String> untrusting = Map.of("MESHWRIGHT_SERVER", engine.httpUrl(), "MESHWRIGHT_TOKEN", engine.token());

            CliTestSupport.Run trusted = CliTestSupport.run(trusting, home, "design", "list");
            CliTestSupport.Run flagged = CliTestSupport.run(untrusting, home, "design", "list", "--ca-cert", cert.toString());
            CliTestSupport.Run refused = CliTestSupport.run(untrusting, home, "design", "list");

            assertThat(trusted.exitCode()).as(trusted.err()).isZero();
            assertThat(flagged.exitCode()).as(flagged.err()).isZero();
            assertThat(refused.exitCode()).isNotZero();
        }
    }

    @Test
    void listeningBeyondLoopbackWithoutTlsIsWarnedAbout() {
        try (Engine engine = Engine.start(new EngineConfig("0.0.0.0", 0, 0, dir.resolve("data"), Optional.empty(), Optional.empty(),
                Optional.empty(), io.meshwright.engine.lifecycle.WaitPolicy.APPLIED, java.time.Duration.ofMinutes(1)), Clock.systemUTC())) {
            assertThat(engine.startWarnings()).anySatisfy(w -> assertThat(w).contains("without TLS").contains("--tls-cert"));
        }
    }

    /** A self-signed certificate for 127.0.0.1 made with the JDK's keytool, written as PEM with its PKCS#8 key. */
    private void selfSigned(Path cert, Path key) throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "engine", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(store.toFile())) {
            keys.load(in, "changeit".toCharArray());
        }
        Key privateKey = keys.getKey("engine", "changeit".toCharArray());
        Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()));
        Files.writeString(cert, pem("CERTIFICATE", keys.getCertificate("engine").getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
