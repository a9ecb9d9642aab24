package io.meshwright.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code meshwright relationship list}. */
@Command(name = "relationship", description = "List registry relationship definitions.", subcommands = RelationshipCommand.List.class)
final class RelationshipCommand {

    static final Table TABLE = Table.of(
            Table.column("KIND", "/kind"),
            Table.column("TYPE", "/type"),
            Table.column("SUBTYPE", "/subType"),
            Table.column("FROM", "/fromKinds"),
            Table.column("TO", "/toKinds"),
            Table.column("MODEL", "/model"),
            Table.column("STATUS", "/status"));

    @Command(name = "list", description = "List relationship definitions; filters combine.")
    static final class List implements Runnable {
        @Mixin
        ClientOptions client;

        @Mixin
        ListOptions list;

        @Option(names = {"-q", "--search"}, description = "substring of kind, type, subType or model name")
        String search;

        @Option(names = "--model", description = "exact model name")
        String model;

        @Option(names = "--kind", description = "exact relationship kind (hierarchical, edge)")
        String kind;

        @Option(names = "--type", description = "exact type")
        String type;

        @Option(names = "--sub-type", description = "exact subType")
        String subType;

        @Option(names = "--involving", description = "a component kind on either side")
        String involving;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("q", search);
            query.put("model", model);
            query.put("kind", kind);
            query.put("type", type);
            query.put("subType", subType);
            query.put("involving", involving);
            query.put("offset", list.offset);
            query.put("limit", list.limit);
            JsonNode page = client.client().get(EngineClient.withQuery("/api/relationships", query));
            TABLE.print(spec.commandLine().getOut(), page, page.path("items"), list.output.format);
        }
    }
}
