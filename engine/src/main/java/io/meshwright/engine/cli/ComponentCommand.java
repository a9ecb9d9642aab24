package io.meshwright.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code meshwright component list}. */
@Command(name = "component", description = "List registry component definitions.", subcommands = ComponentCommand.List.class)
final class ComponentCommand {

    static final Table TABLE = Table.of(
            Table.column("KIND", "/kind"),
            Table.column("API VERSION", "/apiVersion"),
            Table.column("MODEL", "/model"),
            Table.column("MODEL VERSION", "/modelVersion"),
            Table.column("NAMESPACED", "/namespaced"),
            Table.column("STATUS", "/modelStatus"));

    @Command(name = "list", description = "List component definitions; filters combine.")
    static final class List implements Runnable {
        @Mixin
        ClientOptions client;

        @Mixin
        ListOptions list;

        @Option(names = {"-q", "--search"}, description = "substring of the kind, display name or model name")
        String search;

        @Option(names = "--kind", description = "exact kind")
        String kind;

        @Option(names = "--model", description = "exact model name")
        String model;

        @Option(names = "--api-version", description = "exact apiVersion")
        String apiVersion;

        @Option(names = "--registrant", description = "exact registrant")
        String registrant;

        @Option(names = "--status", description = "the model's status: enabled or ignored")
        String status;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("q", search);
            query.put("kind", kind);
            query.put("model", model);
            query.put("apiVersion", apiVersion);
            query.put("registrant", registrant);
            query.put("status", status);
            query.put("offset", list.offset);
            query.put("limit", list.limit);
            JsonNode page = client.client().get(EngineClient.withQuery("/api/components", query));
            TABLE.print(spec.commandLine().getOut(), page, page.path("items"), list.output.format);
        }
    }
}
