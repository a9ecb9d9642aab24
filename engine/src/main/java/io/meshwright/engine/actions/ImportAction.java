package io.meshwright.engine.actions;

import io.meshwright.engine.registry.ImportOptions;
import io.meshwright.engine.registry.ImportReport;
import io.meshwright.engine.registry.Registry;
import java.net.URI;

/** Import: registers models, components and relationships from uploaded content, a URL or the bundled examples. */
public final class ImportAction {

    /** What is imported. */
    public sealed interface Input {
        /** Uploaded content; its file name's extension picks the format. */
        record Upload(String filename, byte[] content) implements Input {}

        /** An http or https URL, fetched by the engine's size-capped fetcher. */
        record Url(URI url) implements Input {}

        /** The models bundled with the engine. */
        record Examples() implements Input {}
    }

    /** @param input what to import; @param options limits and dry run */
    public record Options(Input input, ImportOptions options) {}

    private final Registry registry;
    private final ActionCounter counter;

    public ImportAction(EngineContext context) {
        this.registry = context.registry();
        this.counter = context.counter();
    }

    /** The report: what was created, updated, unchanged and rejected (with located problems). */
    public ImportReport run(Options options) {
        ImportReport report = switch (options.input()) {
            case Input.Upload upload -> registry.importBytes(upload.filename(), upload.content(), options.options());
            case Input.Url url -> registry.importUrl(url.url(), options.options());
            case Input.Examples examples -> registry.importExamples(options.options());
        };
        counter.count("import", report.dryRun() ? "dry-run" : report.clean() ? "clean" : "with-rejections");
        return report;
    }
}
