package io.meshwright.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code meshwright plugins list|reload}. */
@Command(name = "plugins", description = "Show and reload the engine's plugins.", subcommands = {PluginsCommand.List.class, PluginsCommand.Reload.class})
final class PluginsCommand {

    static final Table TABLE = Table.of(
            Table.column("ID", "/id"),
            Table.column("VERSION", "/version"),
            Table.column("STATUS", "/status"),
            new Table.Column("EXTENSIONS", PluginsCommand::extensions),
            Table.column("FAILURE", "/failure"));

    private static String extensions(JsonNode plugin) {
        java.util.List<String> text = new ArrayList<>();
        for (Map.Entry<String, JsonNode> point : plugin.path("extensions").properties()) {
            text.add(point.getKey() + "(" + point.getValue().size() + ")");
        }
        return String.join(" ", text);
    }

    @Command(name = "list", description = "List plugins: id, version, status, extensions per extension point, failure cause.")
    static final class List implements Runnable {
        @Mixin
        ClientOptions client;

        @Mixin OutputOption output;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            JsonNode answer = client.client().get("/api/plugins");
            TABLE.print(spec.commandLine().getOut(), answer, answer.path("items"), output.format);
        }
    }

    @Command(name = "reload", description = "Stop and unload every plugin, then load the plugin folders again.")
    static final class Reload implements Runnable {
        @Mixin
        ClientOptions client;

        @Mixin OutputOption output;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            JsonNode answer = client.client().post("/api/plugins/reload", null);
            TABLE.print(spec.commandLine().getOut(), answer, answer.path("items"), output.format);
        }
    }
}
