package io.meshwright.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meshwright status}: the engine, its cluster, its store and its plugins on one screen. An unreachable
 * cluster is shown, not an error; an engine that does not answer is (exit code 8).
 */
@Command(name = "status", description = "Show the engine's version, its cluster (reachable or not), its store and its plugins.")
final class StatusCommand implements Runnable {

    @Mixin
    ClientOptions client;

    @Mixin OutputOption output;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        EngineClient engine = client.client();
        JsonNode status = engine.get("/api/status");
        PrintWriter out = spec.commandLine().getOut();
        if (!output.table()) {
            Table.of().print(out, status, status, output.format);
            return;
        }
        out.println("engine    " + status.path("version").asText() + " at " + engine.server());
        out.println("cluster   " + cluster(status.path("cluster")));
        out.println("store     " + store(status.path("store")));
        out.println("plugins   " + plugins(status.path("plugins")));
        out.flush();
    }

    private static String cluster(JsonNode cluster) {
        String where = cluster.path("server").asText() + " (context " + text(cluster.path("context"), "none")
                + ", kubeconfig " + text(cluster.path("kubeconfig"), "none") + ")";
        return cluster.path("reachable").asBoolean()
                ? where + ": reachable, Kubernetes " + text(cluster.path("kubernetesVersion"), "version unknown")
                : where + ": UNREACHABLE (" + text(cluster.path("problem"), "no answer") + ")";
    }

    private static String store(JsonNode store) {
        List<String> schema = new ArrayList<>();
        for (Map.Entry<String, JsonNode> feature : store.path("schema").properties()) {
            schema.add(feature.getKey() + " " + feature.getValue().asInt());
        }
        return store.path("path").asText() + ", " + size(store.path("bytes").asLong()) + ", schema "
                + (schema.isEmpty() ? "none" : String.join(", ", schema));
    }

    private static String plugins(JsonNode plugins) {
        List<String> counts = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, JsonNode> state : plugins.properties()) {
            counts.add(state.getValue().asLong() + " " + state.getKey().toLowerCase(Locale.ROOT));
            total += state.getValue().asLong();
        }
        return total + " (" + String.join(", ", counts) + ")";
    }

    private static String size(long bytes) {
        return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    private static String text(JsonNode node, String absent) {
        return node.isMissingNode() || node.isNull() || node.asText().isEmpty() ? absent : node.asText();
    }
}
