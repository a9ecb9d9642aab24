package io.meshwright.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code meshwright connection add|list|remove}: systems the engine reads from (Prometheus, for health). */
@Command(name = "connection", description = "Connections the engine reads from: Prometheus, for objects' health.",
        subcommands = {ConnectionCommand.Add.class, ConnectionCommand.List.class, ConnectionCommand.Remove.class})
final class ConnectionCommand {

    static final Table CONNECTIONS = Table.of(
            Table.column("ID", "/id"),
            Table.column("TYPE", "/type"),
            Table.column("NAME", "/name"),
            Table.column("URL", "/url"),
            Table.column("VERSION", "/version"),
            Table.column("ADDED", "/createdAt"));

    @Command(name = "add", description = "Add a connection, tested first: Prometheus must answer its build info and a"
            + " query. A URL may carry credentials (https://user:secret@host); they are never shown.")
    static final class Add implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(index = "0", paramLabel = "TYPE", description = "prometheus") String type;
        @Parameters(index = "1", paramLabel = "URL", description = "its base URL, e.g. http://127.0.0.1:9090") String url;
        @Option(names = "--name", description = "a name (default: made from the URL's host and port)") String name;
        @Mixin OutputOption output;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", type);
            body.put("url", url);
            if (name != null) {
                body.put("name", name);
            }
            JsonNode added = client.client().post("/api/connections", body);
            PrintWriter out = spec.commandLine().getOut();
            if (output.table()) {
                out.printf("added %s connection %s (%s, version %s)%n", added.path("type").asText(),
                        added.path("name").asText(), added.path("url").asText(), added.path("version").asText());
                out.flush();
            } else {
                CONNECTIONS.print(out, added, added, output.format);
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List connections (URLs without credentials).")
    static final class List implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Mixin OutputOption output;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode answer = client.client().get("/api/connections");
            CONNECTIONS.print(spec.commandLine().getOut(), answer, answer.path("items"), output.format);
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove a connection by id or name.")
    static final class Remove implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(paramLabel = "ID|NAME") String id;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode deleted = client.client().delete("/api/connections/" + EngineClient.segment(id)).path("deleted");
            PrintWriter out = spec.commandLine().getOut();
            out.printf("removed %s connection %s (%s)%n", deleted.path("type").asText(), deleted.path("name").asText(),
                    deleted.path("url").asText());
            out.flush();
            return 0;
        }
    }
}
