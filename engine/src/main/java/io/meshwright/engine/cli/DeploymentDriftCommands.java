package io.meshwright.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code meshwright deployment diff|reconcile ID}: drift of a deployed deployment, and putting it back. */
final class DeploymentDriftCommands {

    private DeploymentDriftCommands() {}

    static final Table FIELDS = Table.of(
            Table.column("OBJECT", "/object"),
            Table.column("FIELD", "/path"),
            new Table.Column("DEPLOYED", row -> value(row.path("deployed"))),
            new Table.Column("LIVE", row -> value(row.path("live"))));

    @Command(name = "diff", description = "Compare what the deployment deployed with what runs: every field changed outside"
            + " Meshwright, with both values (exit 1 when something drifted). Moves it to DRIFTED, or back to DEPLOYED.")
    static final class Diff implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(paramLabel = "ID") String id;
        @Mixin OutputOption output;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode answer = client.client().get("/api/deployments/" + EngineClient.segment(id) + "/diff");
            PrintWriter out = spec.commandLine().getOut();
            FIELDS.print(out, answer, rows(answer), output.format);
            if (output.table()) {
                out.println(answer.path("deployment").path("state").asText() + ": " + answer.path("summary").asText());
                answer.path("skipped").forEach(skipped -> out.println("not compared: " + skipped.asText()));
                out.flush();
            }
            return answer.path("drifted").asBoolean() ? DesignCommand.NOT_OK : 0;
        }
    }

    @Command(name = "reconcile", description = "Re-apply what the deployment deployed, as deployed (the normal deploy:"
            + " inventory kept exact), putting back what changed outside Meshwright; prints what it put back.")
    static final class Reconcile implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(paramLabel = "ID") String id;
        @Mixin OutputOption output;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode answer = client.client().post("/api/deployments/" + EngineClient.segment(id) + "/reconcile", Map.of());
            PrintWriter out = spec.commandLine().getOut();
            FIELDS.print(out, answer, rows(answer.path("before")), output.format);
            if (output.table()) {
                out.println(answer.path("summary").asText());
                out.flush();
            }
            String state = answer.path("deployment").path("state").asText();
            boolean clean = !answer.path("after").path("drifted").asBoolean(true);
            return state.equals("DEPLOYED") && clean ? 0 : DesignCommand.NOT_OK;
        }
    }

    /** One row per drifted field; a deleted object is one row. */
    static JsonNode rows(JsonNode report) {
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (JsonNode object : report.path("objects")) {
            String verdict = object.path("verdict").asText();
            if (verdict.equals("MISSING")) {
                rows.add(row(object, "(object)", "exists", "deleted"));
            } else if (verdict.equals("UNCHECKED")) {
                rows.add(row(object, "(not checked)", "", object.path("message").asText()));
            }
            for (JsonNode field : object.path("fields")) {
                ObjectNode row = row(object, field.path("path").asText(), null, null);
                row.set("deployed", field.path("deployed"));
                row.set("live", field.path("live"));
                rows.add(row);
            }
        }
        return rows;
    }

    private static ObjectNode row(JsonNode object, String path, String deployed, String live) {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        row.put("object", object.path("object").asText());
        row.put("path", path);
        if (deployed != null) {
            row.put("deployed", deployed);
            row.put("live", live);
        }
        return row;
    }

    private static String value(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "(none)";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
