package io.meshwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.meshwright.engine.Engine;
import io.meshwright.engine.EngineConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input a careless user or an attacker may send, against a real engine on loopback: each is answered with a
 * clear, located problem, and nothing is stored (no design saved, no deployment recorded, no model imported).
 */
class HostileInputTest {

    private static final long MAX_PAYLOAD = 1L << 20;

    @TempDir
    Path dataDir;

    private Engine engine;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() {
        EngineConfig.ListenerSettings limits = new EngineConfig.ListenerSettings(MAX_PAYLOAD, 1 << 20, false,
                Optional.empty(), Optional.empty());
        engine = Engine.start(EngineConfig.defaults(dataDir).withPorts(0, 0).withListener(limits), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    // ---- designs ----

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES) // a guard against the bomb going off, not a performance assertion
    void aPlaceholderExpansionBombIsRefusedWithALocatedProblem() throws Exception {
        StringBuilder design = new StringBuilder("""
                schemaVersion: designs.meshery.io/v1beta1
                name: bomb
                components:
                  - id: c0
                    displayName: c0
                    component: {kind: ConfigMap, version: v1}
                    model: {name: kubernetes}
                    configuration: {metadata: {name: c0}, data: {a: x, b: y}}
                """);
        for (int i = 1; i < 30; i++) {
            design.append("""
                      - id: c%1$d
                        displayName: c%1$d
                        component: {kind: ConfigMap, version: v1}
                        model: {name: kubernetes}
                        configuration: {metadata: {name: c%1$d}, data: {a: "$(#ref.c%2$d.configuration)", b: "$(#ref.c%2$d.configuration)"}}
                    """.formatted(i, i - 1));
        }
        assertThat(design.length()).isLessThan(8_000);

        HttpResponse<String> answer = post("/api/designs/validate?name=bomb", design.toString());

        assertProblem(answer, 422, "design.placeholder.budget");
        assertThat(firstProblem(answer).path("location").path("line").asInt()).isPositive();
        assertNothingStored();
    }

    @Test
    void plainManifestsWithoutANameAreRefusedNamingTheFix() throws Exception {
        String manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n";

        HttpResponse<String> deploy = post("/api/deployments", manifest);
        HttpResponse<String> save = post("/api/designs", manifest);
        HttpResponse<String> relative = post("/api/deployments/id?source=deploy.yaml", manifest);

        for (HttpResponse<String> answer : java.util.List.of(deploy, save, relative)) {
            assertProblem(answer, 422, "design.unnamed");
            assertThat(firstProblem(answer).path("message").asText()).contains("?name=").contains("--name").contains("?source=");
        }
        assertNothingStored();
    }

    @Test
    void twoManifestFilesWithTheSameFileNameAreTwoDesigns() throws Exception {
        String manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n";

        String app = json.readTree(post("/api/deployments/id?source=/home/me/app/deploy.yaml", manifest).body()).path("id").asText();
        String db = json.readTree(post("/api/deployments/id?source=/home/me/db/deploy.yaml", manifest).body()).path("id").asText();
        String appAgain = json.readTree(post("/api/deployments/id?source=/home/me/app/deploy.yaml", "apiVersion: v1\nkind: Secret\n"
                + "metadata: {name: other}\n").body()).path("id").asText();
        String named = json.readTree(post("/api/deployments/id?name=shop&source=/home/me/db/deploy.yaml", manifest).body()).path("id").asText();

        assertThat(app).isNotBlank().isNotEqualTo(db).as("the same file is the same design, whatever it holds").isEqualTo(appAgain);
        assertThat(named).isNotBlank().isNotEqualTo(db).isNotEqualTo(app);
    }

    @Test
    void anObjectWithAndWithoutTheDefaultNamespaceIsOneObjectTwice() throws Exception {
        String manifest = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cfg}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cfg, namespace: default}
                """;

        HttpResponse<String> answer = post("/api/designs?name=dup", manifest);

        assertProblem(answer, 422, "design.duplicateObject");
        assertThat(firstProblem(answer).path("message").asText()).contains("default/cfg");
        assertThat(firstProblem(answer).path("location").path("line").asInt()).isEqualTo(5);
        assertNothingStored();
    }

    @Test
    void invalidUtf8InADesignIsRefusedWithItsLineAndColumn() throws Exception {
        byte[] head = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: caf".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + 3];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xC3; // a lead byte followed by a non-continuation byte
        body[head.length + 1] = (byte) '(';
        body[head.length + 2] = (byte) '}';

        HttpResponse<String> answer = http.send(request("/api/designs?name=latin1").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertProblem(answer, 422, "design.encoding");
        assertThat(firstProblem(answer).path("location").path("line").asInt()).isEqualTo(3);
        assertThat(firstProblem(answer).path("location").path("column").asInt()).isEqualTo(21);
        assertNothingStored();
    }

    @Test
    void deepNestingIsRefusedWithALocatedProblem() throws Exception {
        String deep = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n";

        HttpResponse<String> answer = post("/api/designs?name=deep", deep);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
        assertThat(firstProblem(answer).path("location").path("line").asInt()).as(answer.body()).isPositive();
        assertNothingStored();
    }

    @Test
    void aDeclaredOversizedBodyIsAnswered413BeforeItIsSent() throws Exception {
        String answer = rawExchange("POST /api/designs?name=huge HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + engine.token()
                + "\r\nContent-Type: application/yaml\r\nContent-Length: 2147483648\r\n\r\n", false);

        assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json").contains("larger than the limit of " + MAX_PAYLOAD);
        assertNothingStored();
    }

    @Test
    void aStreamedOversizedBodyIsCutOffWith413() throws Exception {
        String answer = rawExchange("POST /api/designs?name=huge HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + engine.token()
                + "\r\nContent-Type: application/yaml\r\nTransfer-Encoding: chunked\r\n\r\n", true);

        assertThat(answer).startsWith("HTTP/1.1 413");
        assertNothingStored();
        assertThat(get("/api/designs").statusCode()).as("the engine still answers").isEqualTo(200);
    }

    // ---- registry imports ----

    @Test
    void importingAPathOrAFileUrlOnTheEnginesMachineIsRefused() throws Exception {
        HttpResponse<String> path = postJson("/api/registry/import", "{\"path\": \"/etc\"}");
        HttpResponse<String> file = postJson("/api/registry/import", "{\"url\": \"file:///etc/passwd\"}");

        assertThat(path.statusCode()).as(path.body()).isEqualTo(400);
        assertThat(path.body()).contains("upload the content");
        assertThat(file.statusCode()).as(file.body()).isEqualTo(400);
        assertThat(file.body()).contains("http or https").doesNotContain("root:");
        assertNoModels();
    }

    @Test
    void importingFromALoopbackOrRedirectedToALoopbackUrlIsRefused() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/model.json", exchange -> {
            byte[] secret = "{\"secret\": true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, secret.length);
            exchange.getResponseBody().write(secret);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/model.json";
            HttpResponse<String> direct = postJson("/api/registry/import", "{\"url\": \"" + url + "\"}");
            HttpResponse<String> metadata = postJson("/api/registry/import", "{\"url\": \"http://169.254.169.254/latest/meta-data\"}");

            assertThat(direct.statusCode()).as(direct.body()).isEqualTo(400);
            assertThat(direct.body()).contains("127.0.0.1").contains("--allow-private-urls").doesNotContain("secret");
            assertThat(metadata.statusCode()).as(metadata.body()).isEqualTo(400);
            assertThat(metadata.body()).contains("link-local");
        } finally {
            server.stop(0);
        }
        assertNoModels();
    }

    @Test
    void aZipBombIsRefusedWithALocatedProblemAndNothingStored() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("model.json"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 600; i++) { // 600 MiB of zeros, about 600 KiB compressed
                out.write(zeros);
            }
            out.closeEntry();
        }
        assertThat(zip.size()).isLessThan((int) MAX_PAYLOAD);

        HttpResponse<String> answer = http.send(request("/api/registry/import?filename=bomb.zip")
                .header("Content-Type", "application/zip").POST(HttpRequest.BodyPublishers.ofByteArray(zip.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode rejected = json.readTree(answer.body()).path("rejected");
        assertThat(rejected).isNotEmpty();
        assertThat(rejected.get(0).toString()).contains("bomb.zip");
        assertNoModels();
    }

    @Test
    void aTarWithASymbolicOrHardLinkIsRefused() throws Exception {
        for (char type : new char[] {'1', '2'}) {
            byte[] tar = tarWithLink(type);

            HttpResponse<String> answer = http.send(request("/api/registry/import?filename=links.tar")
                    .header("Content-Type", "application/x-tar").POST(HttpRequest.BodyPublishers.ofByteArray(tar)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode rejected = json.readTree(answer.body()).path("rejected");
            assertThat(rejected.toString()).contains("import.link").contains("links.tar!passwd").contains("/etc/passwd");
        }
        assertNoModels();
    }

    // ---- metrics ----

    @Test
    void madeUpHttpMethodsAreCountedAsOther() throws Exception {
        for (int i = 0; i < 3; i++) {
            http.send(HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/health")).method("BREW" + i,
                    HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        }

        String metrics = get("/metrics").body();

        assertThat(metrics).doesNotContain("BREW").contains("meshwright_http_requests_total{method=\"other\"");
    }

    // ---- helpers ----

    private byte[] tarWithLink(char type) {
        byte[] header = new byte[512];
        put(header, 0, "passwd");
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, "00000000000");
        put(header, 136, "00000000000");
        header[156] = (byte) type;
        put(header, 157, "/etc/passwd");
        put(header, 257, "ustar");
        put(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        byte[] tar = new byte[512 * 3];
        System.arraycopy(header, 0, tar, 0, 512);
        return tar;
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    /** Sends {@code head} (and, when {@code stream}, chunks of a 2 GiB body) on a raw socket; the answer's text. */
    private String rawExchange(String head, boolean stream) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), engine.httpPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (stream) {
                byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    for (long sent = 0; sent < (2L << 30); sent += 0x10000) {
                        out.write(chunk);
                        if (socket.getInputStream().available() > 0) {
                            break;
                        }
                    }
                } catch (IOException closedByTheServer) {
                    // expected: the engine stops reading and closes the connection after its answer
                }
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                    if (answer.toString(StandardCharsets.UTF_8).contains("}")) {
                        break;
                    }
                }
            } catch (IOException reset) {
                // the answer was read before the reset, if it came
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(engine.httpUrl() + path)).header("Authorization", "Bearer " + engine.token());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(request(path).header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJson(String path, String body) throws Exception {
        return http.send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode firstProblem(HttpResponse<String> answer) throws IOException {
        JsonNode problems = json.readTree(answer.body()).path("problems");
        assertThat(problems).as(answer.body()).isNotEmpty();
        for (JsonNode problem : problems) {
            if ("ERROR".equals(problem.path("severity").asText())) {
                return problem;
            }
        }
        return problems.get(0);
    }

    private void assertProblem(HttpResponse<String> answer, int status, String code) throws IOException {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json.readTree(answer.body()).path("problems").toString()).as(answer.body()).contains("\"" + code + "\"");
        assertThat(firstProblem(answer).path("code").asText()).isEqualTo(code);
    }

    private void assertNothingStored() throws Exception {
        assertThat(json.readTree(get("/api/designs").body()).path("items")).isEmpty();
        assertThat(json.readTree(get("/api/deployments").body()).path("items")).isEmpty();
    }

    private void assertNoModels() throws Exception {
        assertThat(json.readTree(get("/api/models").body()).path("items")).isEmpty();
    }
}
