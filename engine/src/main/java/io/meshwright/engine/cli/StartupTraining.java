package io.meshwright.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The training run for the client's class data sharing archive: the launcher runs this once per build of the
 * distribution with {@code -XX:ArchiveClassesAtExit}, so that the archive holds what every client command loads
 * (the whole command tree, Jackson's JSON and YAML, the HTTP call and its error path) rather than whatever the
 * first command a user typed happened to load. Talks only to a throw-away server on loopback inside this
 * process; prints nothing.
 */
public final class StartupTraining {

    private static final String ANSWER = "{\"items\":[{\"id\":\"d1\",\"design\":\"shop\",\"state\":\"DEPLOYED\","
            + "\"updatedAt\":\"2026-01-01T00:00:00Z\",\"nested\":{\"n\":1.5,\"list\":[true,null]}}]}";
    private static final String PROBLEM = "{\"type\":\"https://meshwright.io/problems/x\",\"title\":\"Invalid\","
            + "\"status\":422,\"detail\":\"d\",\"problems\":[{\"code\":\"c\",\"message\":\"m\","
            + "\"location\":{\"source\":\"f.yaml\",\"line\":1,\"column\":2,\"field\":\"a.b\"}}]}";

    private StartupTraining() {}

    public static void main(String[] args) throws Exception {
        StringWriter sink = new StringWriter();
        PrintWriter out = new PrintWriter(sink);
        CommandLine all = Cli.commandLine(new CliEnvironment(Map.of(), Path.of(System.getProperty("java.io.tmpdir")), Optional.empty()));
        all.setOut(out).setErr(out);
        usage(all, out);
        Path design = java.nio.file.Files.createTempFile("meshwright-training", ".yaml");
        java.nio.file.Files.writeString(design, "name: training\nservices: {}\n");
        try (ServerSocket server = new ServerSocket(0)) {
            Thread.ofPlatform().daemon().start(() -> answer(server));
            String url = "http://127.0.0.1:" + server.getLocalPort();
            Map<String, String> env = Map.of("MESHWRIGHT_SERVER", url, "MESHWRIGHT_TOKEN", "training");
            for (String[] command : new String[][] {
                    {"deployment", "list"}, {"deployment", "list", "-o", "json"}, {"deployment", "list", "-o", "yaml"},
                    {"status"}, {"design", "validate", "-f", design.toString()}}) {
                CommandLine line = Cli.commandLine(new CliEnvironment(env, Path.of("/nonexistent"), Optional.empty()), command);
                line.setOut(out).setErr(out).execute(command);
            }
            JsonNode problem = new com.fasterxml.jackson.databind.ObjectMapper().readTree(PROBLEM);
            new ErrorReporter().handleExecutionException(new EngineCallException(422, problem, "training"), all, null);
        } finally {
            java.nio.file.Files.deleteIfExists(design);
        }
        out.flush();
    }

    private static void usage(CommandLine command, PrintWriter out) {
        command.usage(out);
        command.getSubcommands().values().forEach(sub -> usage(sub, out));
    }

    /** Answers every request with a listing, or a problem for POSTs, until the process ends. */
    private static void answer(ServerSocket server) {
        while (true) {
            try (Socket client = server.accept()) {
                BufferedReader request = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                String first = request.readLine();
                for (String line = first; line != null && !line.isEmpty(); line = request.readLine()) {
                    // headers are not needed
                }
                boolean post = first != null && first.startsWith("POST");
                byte[] body = (post ? PROBLEM : ANSWER).getBytes(StandardCharsets.UTF_8);
                OutputStream out = client.getOutputStream();
                out.write(((post ? "HTTP/1.1 422 Unprocessable Content\r\nContent-Type: application/problem+json\r\n"
                        : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
                        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
                throw new UncheckedIOException(e);
            }
        }
    }
}
