package io.meshwright.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import io.meshwright.spi.model.SourceRef;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meshwright model generate --from REF [--every 6h] [--force]}: generates models from any installed source
 * and registers them; with {@code --every} the engine also keeps doing it on a schedule.
 */
@Command(name = "generate", description = "Generate models from a source and register them: a model package folder, a .json/.yaml file, "
        + "an archive, an OCI image layout, CSV sheets, an http(s) URL, 'cluster' (the engine's target cluster), "
        + "'discovered' (the custom resource kinds the sync saw without a definition) or a plugin's TYPE:LOCATION. A re-run that finds the source unchanged (same fingerprint) stores nothing and says so.")
final class ModelGenerateCommand implements Callable<Integer> {

    @Mixin
    ClientOptions client;

    @Option(names = "--from", paramLabel = "REF", description = "the source: PATH, file:PATH, https://URL, cluster, discovered, or TYPE:LOCATION[#ref=R&path=P]")
    String from;

    @Option(names = "--from-cluster", description = "the same as --from cluster")
    boolean fromCluster;

    @Option(names = "--every", paramLabel = "INTERVAL", description = "also generate on a schedule, e.g. 6h, 30m, 1d (see 'model schedules')")
    String every;

    @Option(names = "--force", description = "register even when the source's fingerprint is the one stored last time")
    boolean force;

    @Mixin OutputOption output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String ref = ref();
        EngineClient engine = client.client();
        PrintWriter out = spec.commandLine().getOut();
        JsonNode answer;
        JsonNode run;
        if (every != null) {
            if (force) {
                throw new IllegalArgumentException("--force and --every do not go together: a schedule honours the fingerprint");
            }
            answer = engine.post("/api/registry/schedules", Map.of("from", ref, "every", every));
            run = answer.path("run");
        } else {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("from", ref);
            query.put("force", force ? "true" : null);
            answer = engine.post(EngineClient.withQuery("/api/registry/generate", query), null);
            run = answer;
        }
        if (!output.table()) {
            Table.of().print(out, answer, answer, output.format);
        } else {
            print(out, run);
            if (every != null) {
                JsonNode schedule = answer.path("schedule");
                out.printf("scheduled as #%s: every %s, next run at %s (list with 'model schedules')%n", schedule.path("id").asText(),
                        schedule.path("every").asText(), schedule.path("nextRunAt").asText());
            }
            out.flush();
        }
        return run.path("rejected").isEmpty() ? 0 : ErrorReporter.INVALID;
    }

    /** The ref to send: a local path is made absolute, since the engine reads it from its own working folder. */
    private String ref() {
        if (fromCluster == (from != null)) {
            throw new IllegalArgumentException("give either --from REF or --from-cluster");
        }
        if (fromCluster) {
            return "cluster";
        }
        SourceRef ref = SourceRef.parse(from);
        if (!"file".equals(ref.type())) {
            return from.strip();
        }
        return new SourceRef("file", Path.of(ref.location()).toAbsolutePath().normalize().toString(), ref.ref(), ref.path(),
                ref.options()).text();
    }

    static void print(PrintWriter out, JsonNode run) {
        String source = run.path("ref").asText() + " (source " + run.path("source").asText() + ")";
        if (run.path("status").asText().equals("unchanged")) {
            out.println(source + ": " + run.path("summary").asText());
            return;
        }
        ModelCommand.Import.printEntries(out, run.path("report"));
        JsonNode report = run.path("report");
        out.printf("%d model(s), %d component(s) from %s in %.1f s: %d created, %d updated, %d unchanged, %d rejected; fingerprint %s%n",
                run.path("models").size(), run.path("components").asInt(), source, run.path("seconds").asDouble(),
                report.path("created").size(), report.path("updated").size(), report.path("unchanged").size(),
                report.path("rejected").size(), shortened(run.path("fingerprint").asText()));
    }

    private static String shortened(String fingerprint) {
        return fingerprint.length() <= 12 ? fingerprint : fingerprint.substring(0, 12);
    }
}
