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

/** {@code meshwright deployment list|get|inventory|history|events|delete|diff|reconcile}. */
@Command(name = "deployment", description = "Inspect deployments, follow their events, undeploy them.",
        subcommands = {DeploymentCommand.List.class, DeploymentCommand.Get.class, DeploymentCommand.Inventory.class,
                DeploymentCommand.History.class, DeploymentCommand.Events.class, DeploymentCommand.Delete.class,
                DeploymentDriftCommands.Diff.class, DeploymentDriftCommands.Reconcile.class})
final class DeploymentCommand {

    static final Table DEPLOYMENTS = Table.of(
            Table.column("ID", "/id"),
            Table.column("DESIGN", "/designName"),
            Table.column("VERSION", "/designVersion"),
            Table.column("STATE", "/state"),
            Table.column("UPDATED", "/updatedAt"),
            new Table.Column("CAUSE", row -> Table.text(row.path("cause")).lines().findFirst().orElse("")));

    static final Table INVENTORY = Table.of(
            new Table.Column("OBJECT", row -> object(row.path("ref"))),
            new Table.Column("API VERSION", row -> {
                JsonNode gvk = row.path("ref").path("gvk");
                String group = gvk.path("group").asText("");
                return group.isEmpty() ? gvk.path("version").asText() : group + "/" + gvk.path("version").asText();
            }),
            Table.column("PART", "/partId"),
            Table.column("STATUS", "/status"),
            Table.column("PRE-EXISTING", "/preExisting"),
            Table.column("UID", "/uid"));

    /** What each part's deployer reported about what it runs, one line per part: {@code commit=… url=…}. */
    static final Table PARTS = Table.of(
            Table.column("PART", "/part"),
            Table.column("DETAILS", "/details"));

    private static JsonNode parts(JsonNode parts) {
        com.fasterxml.jackson.databind.node.ArrayNode rows = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        parts.properties().forEach(part -> {
            StringBuilder details = new StringBuilder();
            part.getValue().properties().forEach(fact -> details.append(details.isEmpty() ? "" : "  ")
                    .append(fact.getKey()).append('=').append(fact.getValue().asText()));
            rows.addObject().put("part", part.getKey()).put("details", details.toString());
        });
        return rows;
    }

    /** {@code Kind/namespace/name} of a serialised {@code ResourceRef}. */
    static String object(JsonNode ref) {
        String namespace = ref.path("namespace").asText("");
        return ref.path("gvk").path("kind").asText() + "/" + (namespace.isEmpty() ? "" : namespace + "/")
                + ref.path("name").asText();
    }

    @Command(name = "list", description = "List deployments and their states.")
    static final class List implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Mixin OutputOption output;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode answer = client.client().get("/api/deployments");
            DEPLOYMENTS.print(spec.commandLine().getOut(), answer, answer.path("items"), output.format);
            return 0;
        }
    }

    @Command(name = "get", description = "Show one deployment, with the cause when it failed or left objects behind.")
    static final class Get implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(paramLabel = "ID") String id;
        @Mixin OutputOption output;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode answer = client.client().get("/api/deployments/" + EngineClient.segment(id));
            PrintWriter out = spec.commandLine().getOut();
            DEPLOYMENTS.print(out, answer, DesignCommand.rows(answer), output.format);
            if (output.table() && !answer.path("cause").isNull()) {
                out.println();
                out.println(answer.path("cause").asText());
            }
            if (output.table() && !answer.path("parts").isEmpty()) {
                out.println();
                PARTS.print(out, answer, parts(answer.path("parts")), output.format);
            }
            return 0;
        }
    }

    @Command(name = "inventory", description = "Every object the deployment created or adopted, with its uid and status.")
    static final class Inventory implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(paramLabel = "ID") String id;
        @Mixin OutputOption output;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode answer = client.client().get("/api/deployments/" + EngineClient.segment(id) + "/inventory");
            INVENTORY.print(spec.commandLine().getOut(), answer, answer.path("items"), output.format);
            return 0;
        }
    }

    @Command(name = "history", description = "The deployment's state transitions, oldest first.")
    static final class History implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(paramLabel = "ID") String id;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode answer = client.client().get("/api/deployments/" + EngineClient.segment(id) + "/history");
            PrintWriter out = spec.commandLine().getOut();
            answer.path("items").forEach(line -> out.println(line.asText()));
            return 0;
        }
    }

    @Command(name = "events", description = "Follow the deployment's events as they happen (Ctrl-C to stop).")
    static final class Events implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(paramLabel = "ID") String id;
        @Option(names = "--type", description = "only these event types, comma-separated") String types;
        @Mixin OutputOption output;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            client.client().follow(EngineClient.withQuery("/api/deployments/" + EngineClient.segment(id) + "/events",
                    Map.of("type", types == null ? "" : types)), event -> {
                        out.println(output.table()
                                ? event.path("at").asText() + "  " + event.path("type").asText() + "  " + event.path("message").asText()
                                : event.toString());
                        out.flush();
                        return true;
                    });
            return 0;
        }
    }

    @Command(name = "delete", description = "Undeploy by id (as design delete does by file).")
    static final class Delete implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(paramLabel = "ID") String id;
        @Mixin UndeployFlags flags;
        @Mixin OutputOption output;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            return undeploy(client.client(), id, flags, output, spec.commandLine().getOut());
        }
    }

    /** Undeploys {@code id} and prints the report; exit code 1 when objects were left behind. */
    static int undeploy(EngineClient engine, String id, UndeployFlags flags, OutputOption output, PrintWriter out) {
        boolean dryRun = flags.dryRun;
        Map<String, String> query = new LinkedHashMap<>();
        query.put("dryRun", dryRun ? "true" : null);
        query.put("keepCrds", flags.keepCrds ? "true" : null);
        query.put("deleteAdopted", flags.deleteAdopted ? "true" : null);
        query.put("timeout", flags.timeout);
        JsonNode report = engine.delete(EngineClient.withQuery("/api/deployments/" + EngineClient.segment(id), query));
        if (!output.table()) {
            DesignCommand.OUTCOMES.print(out, report, report.path("outcomes"), output.format);
            return verified(report, dryRun) ? 0 : DesignCommand.NOT_OK;
        }
        if (dryRun) {
            out.println("Would remove, in this order (nothing was changed):");
        }
        DesignCommand.OUTCOMES.print(out, report, report.path("outcomes"), output.format);
        if (!report.path("leftovers").isEmpty()) {
            out.println();
            DesignCommand.LEFTOVERS.print(out, report, report.path("leftovers"), output.format);
        }
        if (!dryRun) {
            out.printf("%n%s: %s, %s%n", id, report.path("deployment").path("state").asText(), report.path("summary").asText());
            report.path("unscanned").forEach(kind -> out.println("  not scanned: " + kind.asText()));
        }
        return verified(report, dryRun) ? 0 : DesignCommand.NOT_OK;
    }

    /** Success means UNDEPLOYED (nothing left, every kind scanned), or a dry run. */
    private static boolean verified(JsonNode report, boolean dryRun) {
        return dryRun || report.path("deployment").path("state").asText().equals("UNDEPLOYED")
                && report.path("leftovers").isEmpty() && report.path("unscanned").isEmpty();
    }
}
