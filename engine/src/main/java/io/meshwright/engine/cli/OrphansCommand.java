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
import picocli.CommandLine.Spec;

/** {@code meshwright orphans scan|clean}. */
@Command(name = "orphans", description = "Find and remove objects with a Meshwright deployment label that no inventory holds.",
        subcommands = {OrphansCommand.Scan.class, OrphansCommand.Clean.class})
final class OrphansCommand {

    static final Table ORPHANS = Table.of(
            Table.column("OBJECT", "/object"),
            Table.column("DEPLOYMENT", "/deployment"),
            Table.column("ENGINE", "/engine"),
            Table.column("REASON", "/reason"),
            Table.column("WHY", "/why"));

    static final Table OUTCOMES = Table.of(
            Table.column("OBJECT", "/object"),
            Table.column("RESULT", "/result"),
            Table.column("REASON", "/reason"),
            Table.column("REMOVE WITH", "/command"));

    @Command(name = "scan", description = "List orphans (objects no inventory holds, CRDs every claimant of which is gone), each with why; changes nothing.")
    static final class Scan implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Mixin OutputOption output;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode answer = client.client().get("/api/orphans");
            PrintWriter out = spec.commandLine().getOut();
            ORPHANS.print(out, answer, answer.path("orphans"), output.format);
            if (output.table()) {
                out.printf("%n%d orphan(s)%n", answer.path("orphans").size());
                printNotOurs(out, answer);
                answer.path("unscanned").forEach(kind -> out.println("  not scanned: " + kind.asText()));
            }
            return answer.path("unscanned").isEmpty() ? 0 : DesignCommand.NOT_OK;
        }
    }

    /**
     * This engine's id, and for the orphans it did not apply, which engine did and the flag that cleans them: another
     * engine's deployment of a design of the same name carries the same label, so only the user can say it is dead.
     */
    static void printNotOurs(PrintWriter out, JsonNode answer) {
        Map<String, Integer> others = new java.util.TreeMap<>();
        int unstamped = 0;
        for (JsonNode orphan : answer.path("orphans")) {
            switch (orphan.path("origin").asText()) {
                case "OTHER_ENGINE" -> others.merge(orphan.path("engine").asText(), 1, Integer::sum);
                case "NO_ENGINE_STAMP" -> unstamped++;
                default -> { }
            }
        }
        if (others.isEmpty() && unstamped == 0) {
            return;
        }
        out.println("This engine is " + (answer.path("engine").isTextual() ? answer.path("engine").asText() : "(no id)")
                + "; clean removes only its own orphans unless told otherwise:");
        others.forEach((engine, count) -> out.printf("  %d applied by engine %s: if that engine is gone (its data"
                + " directory deleted), clean them with: meshwright orphans clean --engine %s --yes%n", count, engine, engine));
        if (unstamped > 0) {
            out.printf("  %d carry no engine id (an older Meshwright, or another engine's deployment of a design of the"
                    + " same name): clean them with: meshwright orphans clean --include-unknown --yes%n", unstamped);
        }
    }

    @Command(name = "clean", description = "Show the orphans and remove them under undeploy's rules; a dry run unless --yes.")
    static final class Clean implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Option(names = "--yes", description = "really delete (without it nothing is changed)") boolean yes;
        @Option(names = "--timeout", description = "how long the objects of one kind rank may take to be gone, e.g. 60s")
        String timeout;
        @Option(names = "--include-unknown", description = "also remove orphans that carry no engine id (applied by an older"
                + " Meshwright); only when no other engine deploys a design of the same name")
        boolean includeUnknown;
        @Option(names = "--engine", paramLabel = "ID", description = "also remove orphans applied by this other engine"
                + " (repeatable); only once that engine is gone (its data directory deleted)")
        java.util.List<String> engines = new java.util.ArrayList<>();
        @Mixin OutputOption output;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("dryRun", yes ? "false" : "true");
            query.put("timeout", timeout);
            query.put("includeUnknown", includeUnknown ? "true" : null);
            query.put("engines", String.join(",", engines));
            JsonNode answer = client.client().post(EngineClient.withQuery("/api/orphans/clean", query), Map.of());
            PrintWriter out = spec.commandLine().getOut();
            if (!output.table()) {
                OUTCOMES.print(out, answer, answer.path("outcomes"), output.format);
                return ok(answer) ? 0 : DesignCommand.NOT_OK;
            }
            ORPHANS.print(out, answer, answer.path("orphans"), output.format);
            out.println();
            if (!yes) {
                out.println("Dry run: nothing was deleted. This is what --yes would do, in this order:");
            }
            OUTCOMES.print(out, answer, answer.path("outcomes"), output.format);
            printNotOurs(out, answer);
            answer.path("unscanned").forEach(kind -> out.println("  not scanned: " + kind.asText()));
            return ok(answer) ? 0 : DesignCommand.NOT_OK;
        }

        /** Every orphan gone (or, in a dry run, would go) and every kind scanned. */
        private static boolean ok(JsonNode answer) {
            for (JsonNode outcome : answer.path("outcomes")) {
                String result = outcome.path("result").asText().replace("would-be-", "");
                if (!result.equals("deleted") && !result.equals("already-gone")) {
                    return false;
                }
            }
            return answer.path("unscanned").isEmpty();
        }
    }
}
