package io.meshwright.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code meshwright model schedules [delete ID]}: the stored generation schedules ({@code model generate --every}). */
@Command(name = "schedules", description = "List scheduled model generation (made with 'model generate --from REF --every 6h'): "
        + "last run, its outcome, next run.", subcommands = ModelSchedulesCommand.Delete.class)
final class ModelSchedulesCommand implements Callable<Integer> {

    static final Table SCHEDULES = Table.of(
            Table.column("ID", "/id"),
            Table.column("SOURCE", "/ref"),
            Table.column("EVERY", "/every"),
            Table.column("LAST RUN", "/lastRunAt"),
            Table.column("OUTCOME", "/lastOutcome"),
            Table.column("NEXT RUN", "/nextRunAt"),
            Table.column("MESSAGE", "/lastMessage"));

    @Mixin
    ClientOptions client;

    @Mixin OutputOption output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode answer = client.client().get("/api/registry/schedules");
        SCHEDULES.print(spec.commandLine().getOut(), answer, answer.path("items"), output.format);
        return 0;
    }

    @Command(name = "delete", description = "Remove a schedule; the models it registered stay.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Parameters(paramLabel = "ID", description = "the schedule's id, as 'model schedules' lists it")
        String id;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode deleted = client.client().delete("/api/registry/schedules/" + EngineClient.segment(id)).path("deleted");
            PrintWriter out = spec.commandLine().getOut();
            out.printf("deleted schedule #%s (%s every %s)%n", deleted.path("id").asText(), deleted.path("ref").asText(),
                    deleted.path("every").asText());
            out.flush();
            return 0;
        }
    }
}
