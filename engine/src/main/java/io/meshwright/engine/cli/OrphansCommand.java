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
                answer.path("unscanned").forEach(kind -> out.println("  not scanned: " + kind.asText()));
            }
            return answer.path("unscanned").isEmpty() ? 0 : DesignCommand.NOT_OK;
        }
    }

    @Command(name = "clean", description = "Show the orphans and remove them under undeploy's rules; a dry run unless --yes.")
    static final class Clean implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Option(names = "--yes", description = "really delete (without it nothing is changed)") boolean yes;
        @Option(names = "--timeout", description = "how long the objects of one kind rank may take to be gone, e.g. 60s")
        String timeout;
        @Mixin OutputOption output;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("dryRun", yes ? "false" : "true");
            query.put("timeout", timeout);
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
