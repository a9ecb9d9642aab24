package io.meshwright.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import io.meshwright.engine.registry.DirectoryArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code meshwright model import|generate|schedules|export|list|view|status|delete}. */
@Command(name = "model", description = "Import, export, list, view, enable/ignore and delete registry models.",
        subcommands = {ModelCommand.Import.class, ModelGenerateCommand.class, ModelSchedulesCommand.class, ModelCommand.Export.class,
                ModelCommand.List.class, ModelCommand.View.class, ModelCommand.Status.class, ModelCommand.Delete.class})
final class ModelCommand {

    static final Table MODELS = Table.of(
            Table.column("NAME", "/name"),
            Table.column("VERSION", "/upstreamVersion"),
            Table.column("DEFINITION", "/version"),
            Table.column("REGISTRANT", "/registrant"),
            Table.column("CATEGORY", "/category"),
            Table.column("STATUS", "/status"),
            Table.column("COMPONENTS", "/components"),
            Table.column("RELATIONSHIPS", "/relationships"));

    @Command(name = "import", description = "Import a model package directory, a .json/.yaml file, a .tar.gz/.tgz/.zip bundle, "
            + "an OCI image layout or CSV sheets, from a path or a URL.")
    static final class Import implements Callable<Integer> {
        /** Most bytes of a folder's files packed for upload (the engine unpacks at most 512 MiB per import). */
        private static final long UPLOAD_LIMIT = 512L << 20;

        @Mixin
        ClientOptions client;

        @Parameters(paramLabel = "PATH|URL", arity = "0..1", description = "what to import")
        String source;

        @Option(names = "--examples", description = "import the example models bundled with the engine (instead of PATH|URL)")
        boolean examples;

        @Option(names = "--dry-run", description = "validate and report, store nothing")
        boolean dryRun;

        @Mixin OutputOption output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            EngineClient engine = client.client();
            String dry = dryRun ? "true" : null;
            JsonNode report;
            if (examples == (source != null)) {
                throw new IllegalArgumentException("give either PATH|URL or --examples");
            }
            if (examples) {
                report = engine.post(EngineClient.withQuery("/api/registry/import", Map.of("dryRun", dry == null ? "" : dry)),
                        Map.of("examples", true));
            } else if (source.matches("(?i)^https?://.*")) {
                report = engine.post(EngineClient.withQuery("/api/registry/import", Map.of("dryRun", dry == null ? "" : dry)),
                        Map.of("url", source));
            } else {
                // Local files and folders are uploaded: the engine reads no paths over its API, and may run elsewhere.
                Path path = (source.regionMatches(true, 0, "file:", 0, 5) ? Path.of(java.net.URI.create(source)) : Path.of(source))
                        .toAbsolutePath().normalize();
                Map<String, String> query = new LinkedHashMap<>();
                query.put("dryRun", dry);
                if (Files.isRegularFile(path)) {
                    query.put("filename", path.getFileName().toString());
                    report = engine.post(EngineClient.withQuery("/api/registry/import", query), path, "application/octet-stream");
                } else if (Files.isDirectory(path)) {
                    query.put("filename", path.getFileName() + ".tar.gz");
                    report = engine.post(EngineClient.withQuery("/api/registry/import", query),
                            DirectoryArchive.tarGz(path, UPLOAD_LIMIT), "application/gzip");
                } else {
                    throw new IllegalArgumentException("cannot import " + source + ": no such file or directory");
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            if (!output.table()) {
                Table.of().print(out, report, report, output.format);
            } else {
                printReport(out, report);
            }
            return report.path("rejected").isEmpty() ? 0 : ErrorReporter.INVALID;
        }

        private static void printReport(PrintWriter out, JsonNode report) {
            printEntries(out, report);
            out.printf("%s: created %d, updated %d, unchanged %d, rejected %d%s%n", report.path("source").asText(),
                    report.path("created").size(), report.path("updated").size(), report.path("unchanged").size(),
                    report.path("rejected").size(), report.path("dryRun").asBoolean() ? " (dry run: nothing stored)" : "");
            out.flush();
        }

        /** Each created, updated and rejected entity of an import report, a rejected one with its problems. */
        static void printEntries(PrintWriter out, JsonNode report) {
            for (String group : java.util.List.of("created", "updated")) {
                for (JsonNode entry : report.path(group)) {
                    out.printf("%-9s %-12s %s%n", group, entry.path("kind").asText().toLowerCase(), entry.path("name").asText());
                }
            }
            for (JsonNode rejection : report.path("rejected")) {
                out.printf("%-9s %-12s %s%n", "rejected", rejection.path("kind").asText().toLowerCase(), rejection.path("name").asText());
                for (JsonNode problem : rejection.path("problems")) {
                    out.printf("    %s: %s [%s]%n", location(problem.path("location")), problem.path("message").asText(), problem.path("code").asText());
                }
            }
        }

        private static String location(JsonNode where) {
            return ProblemLocation.text(where);
        }
    }

    @Command(name = "export", description = "Export a model (with its components and relationships) to a file that imports back unchanged.")
    static final class Export implements Runnable {
        @Mixin
        ClientOptions client;

        @Parameters(paramLabel = "NAME[@VERSION]", description = "the model; the newest version when none is given")
        String model;

        @Option(names = "--format", defaultValue = "tar.gz", description = "tar.gz or oci (default: ${DEFAULT-VALUE})")
        String format;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "where to write it")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            EngineClient engine = client.client();
            String path = ModelRefs.path(model);
            if (!model.contains("@")) {
                JsonNode summary = engine.get(path).path("summary");
                path = path + "/" + EngineClient.segment(summary.path("version").asText());
            }
            engine.download(EngineClient.withQuery(path + "/export", Map.of("format", format)), file);
            spec.commandLine().getOut().println("exported " + model + " to " + file);
            spec.commandLine().getOut().flush();
        }
    }

    @Command(name = "list", description = "List models; filters combine.")
    static final class List implements Runnable {
        @Mixin
        ClientOptions client;

        @Mixin
        ListOptions list;

        @Option(names = {"-q", "--search"}, description = "substring of the name or display name")
        String search;

        @Option(names = "--registrant", description = "exact registrant")
        String registrant;

        @Option(names = "--category", description = "exact category")
        String category;

        @Option(names = "--status", description = "enabled or ignored")
        String status;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("q", search);
            query.put("registrant", registrant);
            query.put("category", category);
            query.put("status", status);
            query.put("offset", list.offset);
            query.put("limit", list.limit);
            JsonNode page = client.client().get(EngineClient.withQuery("/api/models", query));
            MODELS.print(spec.commandLine().getOut(), page, page.path("items"), list.output.format);
        }
    }

    @Command(name = "view", description = "Show a model with its components and relationships.")
    static final class View implements Runnable {
        @Mixin
        ClientOptions client;

        @Parameters(paramLabel = "NAME[@VERSION]", description = "the model; the newest version when none is given")
        String model;

        @Mixin OutputOption output;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            JsonNode detail = client.client().get(ModelRefs.path(model));
            PrintWriter out = spec.commandLine().getOut();
            if (!output.table()) {
                Table.of().print(out, detail, detail, output.format);
                return;
            }
            MODELS.print(out, detail, java.util.List.of(detail.path("summary")).stream()
                    .collect(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance::arrayNode,
                            com.fasterxml.jackson.databind.node.ArrayNode::add,
                            com.fasterxml.jackson.databind.node.ArrayNode::addAll), OutputFormat.TABLE);
            out.println();
            var components = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            detail.path("components").forEach(c -> components.add(c.path("summary")));
            ComponentCommand.TABLE.print(out, detail, components, OutputFormat.TABLE);
            if (!detail.path("relationships").isEmpty()) {
                out.println();
                var relationships = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
                detail.path("relationships").forEach(r -> relationships.add(r.path("summary")));
                RelationshipCommand.TABLE.print(out, detail, relationships, OutputFormat.TABLE);
            }
        }
    }

    @Command(name = "status", description = "Enable or ignore a model (an ignored model stays stored but resolves nothing).")
    static final class Status implements Runnable {
        @Mixin
        ClientOptions client;

        @Parameters(index = "0", paramLabel = "NAME[@VERSION]", description = "the model")
        String model;

        @Parameters(index = "1", paramLabel = "enabled|ignored", description = "the new status")
        String status;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            JsonNode summary = client.client().patch(ModelRefs.path(model), Map.of("status", status));
            spec.commandLine().getOut().println(summary.path("name").asText() + "@" + summary.path("upstreamVersion").asText()
                    + " is " + summary.path("status").asText().toLowerCase());
            spec.commandLine().getOut().flush();
        }
    }

    @Command(name = "delete", description = "Delete a model with its components and relationships.")
    static final class Delete implements Runnable {
        @Mixin
        ClientOptions client;

        @Parameters(paramLabel = "NAME[@VERSION]", description = "the model")
        String model;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            JsonNode result = client.client().delete(ModelRefs.path(model));
            JsonNode deleted = result.path("model");
            spec.commandLine().getOut().printf("deleted %s@%s with %d component(s) and %d relationship(s)%n",
                    deleted.path("name").asText(), deleted.path("upstreamVersion").asText(),
                    result.path("components").asInt(), result.path("relationships").asInt());
            spec.commandLine().getOut().flush();
        }
    }
}
