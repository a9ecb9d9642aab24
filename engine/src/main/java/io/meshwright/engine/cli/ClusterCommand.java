package io.meshwright.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code meshwright cluster objects|watch}: what the sync sees running on the clusters. */
@Command(name = "cluster", description = "What runs on the clusters, as the sync sees it: state, origin and health of each object.",
        subcommands = {ClusterCommand.Objects.class, ClusterCommand.Watch.class})
final class ClusterCommand {

    static final Table OBJECTS = Table.of(
            Table.column("CLUSTER", "/cluster"),
            new Table.Column("KIND", row -> row.at("/gvk/kind").asText() + (row.at("/gvk/group").asText().isEmpty() ? ""
                    : "." + row.at("/gvk/group").asText())),
            Table.column("NAMESPACE", "/namespace"),
            Table.column("NAME", "/name"),
            Table.column("STATE", "/state"),
            Table.column("ORIGIN", "/origin"),
            Table.column("DEPLOYMENT", "/deploymentId"),
            Table.column("HEALTH", "/health/status"),
            Table.column("WHY", "/health/reason"));

    /** The filters both commands take, as query parameters. */
    static final class Filters {
        @Option(names = "--cluster", description = "only this cluster (the engine's own is 'local' unless serve --sync-cluster)") String cluster;
        @Option(names = "--kind", description = "only this kind (Deployment, or Deployment.apps)") String kind;
        @Option(names = {"-n", "--namespace"}, description = "only this namespace") String namespace;
        @Option(names = "--state", description = "only DISCOVERED, REGISTERED or CONNECTED") String state;
        @Option(names = "--origin", description = "only GREENFIELD or BROWNFIELD") String origin;
        @Option(names = "--deployment", paramLabel = "ID", description = "only objects this deployment holds") String deployment;

        Map<String, Object> parameters() {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("cluster", cluster);
            parameters.put("kind", kind);
            parameters.put("namespace", namespace);
            parameters.put("state", state);
            parameters.put("origin", origin);
            parameters.put("deployment", deployment);
            return parameters;
        }
    }

    @Command(name = "objects", description = "List the objects the sync sees, with state, origin, deployment and health.")
    static final class Objects implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Mixin Filters filters;
        @Option(names = "--limit", description = "at most this many objects (default: all)") Integer limit;
        @Mixin OutputOption output;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            long total = 0;
            String token = null;
            do {
                Map<String, Object> parameters = filters.parameters();
                int page = limit == null ? 1000 : Math.min(1000, limit - items.size());
                parameters.put("limit", page);
                parameters.put("continue", token);
                JsonNode answer = client.client().get(EngineClient.withQuery("/api/cluster/objects", parameters));
                answer.path("items").forEach(items::add);
                total = answer.path("total").asLong();
                token = answer.path("continue").isTextual() ? answer.path("continue").asText() : null;
            } while (token != null && (limit == null || items.size() < limit));
            ObjectNode all = JsonNodeFactory.instance.objectNode();
            all.set("items", items);
            all.put("total", total);
            PrintWriter out = spec.commandLine().getOut();
            OBJECTS.print(out, all, items, output.format);
            if (output.table() && items.size() < total) {
                out.println("(" + items.size() + " of " + total + " shown)");
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "watch", description = "Print one line per change the sync sees, as it happens (Ctrl-C to stop).")
    static final class Watch implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Mixin Filters filters;
        @Mixin OutputOption output;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            client.client().follow(EngineClient.withQuery("/api/cluster/objects/events", filters.parameters()), event -> {
                out.println(output.table() ? line(event) : event.toString());
                out.flush();
                return true;
            });
            return 0;
        }

        /** {@code at  CHANGE  cluster  Kind namespace/name  STATE ORIGIN (deployment) HEALTH}. */
        static String line(JsonNode event) {
            JsonNode object = event.path("object");
            String namespace = object.path("namespace").asText("");
            String deployment = object.path("deploymentId").asText("");
            return event.path("at").asText() + "  " + event.path("change").asText() + "  " + object.path("cluster").asText()
                    + "  " + object.at("/gvk/kind").asText() + " " + (namespace.isEmpty() ? "" : namespace + "/")
                    + object.path("name").asText() + "  " + object.path("state").asText() + " " + object.path("origin").asText()
                    + (deployment.isEmpty() ? "" : " (" + deployment + ")") + " " + object.at("/health/status").asText();
        }
    }
}
