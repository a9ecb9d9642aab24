package io.meshwright.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code meshwright design validate|plan|apply|delete|save|list|view}. */
@Command(name = "design", description = "Validate, plan, apply, delete and keep designs.",
        subcommands = {DesignCommand.Validate.class, DesignCommand.Plan.class, DesignCommand.Apply.class,
                DesignCommand.Delete.class, DesignCommand.Save.class, DesignCommand.List.class, DesignCommand.View.class})
final class DesignCommand {

    static final Table PROBLEMS = Table.of(
            Table.column("SEVERITY", "/severity"),
            new Table.Column("WHERE", problem -> where(problem.path("location"))),
            Table.column("PROBLEM", "/message"));

    static final Table DESIGNS = Table.of(
            Table.column("NAME", "/name"),
            Table.column("VERSION", "/version"),
            Table.column("DECLARED", "/declaredVersion"),
            Table.column("SOURCE", "/source"),
            Table.column("SAVED", "/savedAt"),
            Table.column("ID", "/id"));

    static final Table OUTCOMES = Table.of(
            Table.column("OBJECT", "/object"),
            Table.column("RESULT", "/result"),
            Table.column("REASON", "/reason"));

    static final Table LEFTOVERS = Table.of(
            new Table.Column("OBJECT", row -> DeploymentCommand.object(row.path("ref"))),
            Table.column("WHY", "/reason"),
            Table.column("REMOVE WITH", "/removeCommand"));

    /** {@code file:line:column (field)}, as the engine's {@code Location} prints it. */
    static String where(JsonNode location) {
        return ProblemLocation.text(location);
    }

    /** One object as the rows of a table. */
    static JsonNode rows(JsonNode one) {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(one);
    }

    /** Exit code when the design is not valid or the deployment did not succeed. */
    static final int NOT_OK = 1;

    @Command(name = "validate", description = "Validate a design and its dependencies against the registry and the cluster; changes nothing.")
    static final class Validate implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Mixin DesignFile design;
        @Mixin OutputOption output;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode answer = client.client().post(design.withName("/api/designs/validate", Map.of()), design.path(), design.contentType());
            PrintWriter out = spec.commandLine().getOut();
            PROBLEMS.print(out, answer, answer.path("problems"), output.format);
            if (output.table()) {
                out.println(answer.path("valid").asBoolean() ? "valid" : "not valid: nothing would be applied");
            }
            return answer.path("valid").asBoolean() ? 0 : NOT_OK;
        }
    }

    @Command(name = "plan", description = "Show the ordered plan (levels) and a server-side dry run of every object; changes nothing.")
    static final class Plan implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Mixin DesignFile design;
        @Mixin OutputOption output;
        @Option(names = "--no-create-namespace", description = "report namespaces the design uses but does not declare, instead of planning to create them") boolean noCreateNamespace;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            Map<String, String> query = new java.util.HashMap<>();
            query.put("createNamespaces", noCreateNamespace ? "false" : null);
            JsonNode answer = client.client().post(design.withName("/api/designs/plan", query), design.path(), design.contentType());
            PrintWriter out = spec.commandLine().getOut();
            if (!output.table()) {
                PROBLEMS.print(out, answer, answer.path("problems"), output.format);
                return answer.path("valid").asBoolean() ? 0 : NOT_OK;
            }
            if (!answer.path("problems").isEmpty()) {
                PROBLEMS.print(out, answer, answer.path("problems"), output.format);
                out.println();
            }
            out.print(answer.path("render").asText());
            out.println();
            printRendered(out, answer.path("levels"));
            long refused = 0;
            for (JsonNode check : answer.path("dryRun")) {
                if (check.path("verdict").asText().equals("refused")) {
                    refused++;
                    out.println("dry run refused " + DeploymentCommand.object(check.path("ref")) + ": " + check.path("message").asText());
                }
            }
            out.println(answer.path("levels").size() + " level(s), " + answer.path("dryRun").size()
                    + " object(s) dry-run on the server, " + refused + " refused");
            return answer.path("valid").asBoolean() ? 0 : NOT_OK;
        }
    }

    /** What each chart or Git folder of the plan will create, with the dry run's verdict on each object. */
    private static void printRendered(PrintWriter out, JsonNode levels) {
        for (JsonNode level : levels) {
            for (JsonNode step : level) {
                if (!step.has("renders")) {
                    continue;
                }
                out.println(step.path("object").asText() + " creates " + step.path("renders").size() + " object(s):");
                java.util.List<String[]> rows = new java.util.ArrayList<>();
                for (JsonNode check : step.path("renders")) {
                    String message = check.path("message").asText("");
                    rows.add(new String[] {DeploymentCommand.object(check.path("ref")),
                            check.path("verdict").asText() + (message.isEmpty() ? "" : " (" + message + ")")});
                }
                int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
                rows.forEach(r -> out.println("  " + r[0] + " ".repeat(width - r[0].length() + 3) + r[1]));
                out.println();
            }
        }
    }

    /** The states a deploy ends in. */
    private static final java.util.Set<String> TERMINAL = java.util.Set.of("DEPLOYED", "FAILED");

    @Command(name = "apply", description = "Deploy a design: validate, plan, apply level by level, verify. Shows progress as it goes.")
    static final class Apply implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Mixin DesignFile design;
        @Option(names = "--wait", description = "none, applied or healthy (default: the engine's)") String waitPolicy;
        @Option(names = "--timeout", description = "how long one object may take, e.g. 90s or PT5M") String timeout;
        @Option(names = "--adopt", description = "take over objects that already exist (never deleted on undeploy unless --delete-adopted)") boolean adopt;
        @Option(names = "--install-dependencies", description = "install missing providers from the registry's sources") boolean installDependencies;
        @Option(names = "--trust-source", description = "with --install-dependencies: accept an https model source that names no digest") boolean trustSource;
        @Option(names = "--prune", description = "replace the deployed version even when the new one shares no object with it (pruning all it made)") boolean prune;
        @Option(names = "--no-create-namespace", description = "refuse namespaces the design uses but does not declare, instead of creating them") boolean noCreateNamespace;
        @Mixin OutputOption output;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            EngineClient engine = client.client();
            PrintWriter out = spec.commandLine().getOut();
            String id = engine.post(design.withName("/api/deployments/id", Map.of()), design.path(), design.contentType())
                    .path("id").asText();
            CountDownLatch following = new CountDownLatch(1);
            CountDownLatch ended = new CountDownLatch(1);
            if (output.table()) {
                Thread.ofVirtual().start(() -> follow(engine, id, following, ended, out));
                following.await(10, TimeUnit.SECONDS);
            }
            long start = System.nanoTime();
            Map<String, String> options = new LinkedHashMap<>();
            options.put("wait", waitPolicy);
            options.put("timeout", timeout);
            options.put("adopt", adopt ? "true" : null);
            options.put("installDependencies", installDependencies ? "true" : null);
            options.put("trustSource", trustSource ? "true" : null);
            options.put("prune", prune ? "true" : null);
            options.put("createNamespaces", noCreateNamespace ? "false" : null);
            JsonNode record = engine.post(design.withName("/api/deployments", options), design.path(), design.contentType());
            if (!output.table()) {
                DeploymentCommand.DEPLOYMENTS.print(out, record, rows(record), output.format);
            } else {
                // The answer can come before the stream's last events: the summary goes after the final state's line.
                if (TERMINAL.contains(record.path("state").asText())) {
                    ended.await(2, TimeUnit.SECONDS);
                }
                // The answer says how many objects the inventory holds; an engine from before that is asked for them.
                int objects = record.has("inventorySize") ? record.path("inventorySize").asInt()
                        : engine.get("/api/deployments/" + EngineClient.segment(id) + "/inventory").path("items").size();
                out.printf("%n%s %s: %s in %.1f s, %d object(s) in the inventory%n", record.path("designName").asText(),
                        record.path("id").asText(), record.path("state").asText(),
                        Duration.ofNanos(System.nanoTime() - start).toMillis() / 1000.0, objects);
                if (!record.path("cause").isNull() && !record.path("cause").asText().isEmpty()) {
                    out.println(record.path("cause").asText());
                }
            }
            out.flush();
            return record.path("state").asText().equals("DEPLOYED") ? 0 : NOT_OK;
        }

        private static void follow(EngineClient engine, String id, CountDownLatch following, CountDownLatch ended,
                PrintWriter out) {
            try {
                engine.follow(EngineClient.withQuery("/api/deployments/" + EngineClient.segment(id) + "/events",
                        Map.of("type", Progress.TYPES)), following::countDown, event -> {
                    Progress.line(event).ifPresent(line -> {
                        synchronized (out) {
                            out.println("  " + line);
                            out.flush();
                        }
                    });
                    if (event.path("type").asText().equals("deployment.state") && TERMINAL.contains(event.path("to").asText())) {
                        ended.countDown();
                        return false;
                    }
                    return true;
                });
            } catch (RuntimeException e) {
                following.countDown(); // progress is a courtesy; the deploy itself goes on
            } finally {
                ended.countDown();
            }
        }
    }

    @Command(name = "delete", description = "Undeploy a design: remove everything it created, in reverse order, and scan for leftovers.")
    static final class Delete implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Mixin DesignFile design;
        @Mixin UndeployFlags flags;
        @Mixin OutputOption output;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            EngineClient engine = client.client();
            String id = engine.post(design.withName("/api/deployments/id", Map.of()), design.path(), design.contentType())
                    .path("id").asText();
            return DeploymentCommand.undeploy(engine, id, flags, output, spec.commandLine().getOut());
        }
    }

    @Command(name = "save", description = "Store a design; a new version is made only when its text changed.")
    static final class Save implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Mixin DesignFile design;
        @Mixin OutputOption output;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode answer = client.client().post(design.withName("/api/designs", Map.of()), design.path(), design.contentType());
            DESIGNS.print(spec.commandLine().getOut(), answer, rows(answer.path("design")), output.format);
            return 0;
        }
    }

    @Command(name = "list", description = "List saved designs (latest version of each).")
    static final class List implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Mixin OutputOption output;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode answer = client.client().get("/api/designs");
            DESIGNS.print(spec.commandLine().getOut(), answer, answer.path("items"), output.format);
            return 0;
        }
    }

    @Command(name = "view", description = "Show a saved design's text (latest version unless --version).")
    static final class View implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--version", description = "the stored version number") Integer version;
        @Mixin OutputOption output;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode answer = client.client().get(EngineClient.withQuery("/api/designs/" + EngineClient.segment(name),
                    Map.of("version", version == null ? "" : version.toString())));
            PrintWriter out = spec.commandLine().getOut();
            if (output.table()) {
                out.println("# " + answer.path("name").asText() + " version " + answer.path("version").asText()
                        + " (saved " + answer.path("savedAt").asText() + ")");
                out.print(answer.path("text").asText());
            } else {
                DESIGNS.print(out, answer, rows(answer), output.format);
            }
            return 0;
        }
    }
}
