package io.meshwright.engine.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.meshwright.engine.actions.GenerateAction;
import io.meshwright.engine.registry.EntityKind;
import io.meshwright.engine.registry.ImportReport;
import io.meshwright.engine.sources.GenerationRun;
import io.meshwright.engine.sources.SourceFailedException;
import io.meshwright.engine.sources.UnknownSourceException;
import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import io.meshwright.spi.extension.ModelSourceException;
import io.meshwright.spi.model.SourceRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /api/registry/generate?from=REF[&force=true]}: generates models from any installed source — a path,
 * a URL, {@code cluster}, or a plugin's {@code TYPE:LOCATION} (see {@link SourceRef#parse}) — and registers them
 * through the import path. A re-run that finds the fingerprint stored last time stores nothing and answers
 * {@code status: unchanged} with {@code unchangedSince}; {@code force} ignores the stored fingerprint.
 */
final class ModelGenerationService implements HttpService {

    private final ApiContext context;

    ModelGenerationService(ApiContext context) {
        this.context = context;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::generate);
    }

    private void generate(ServerRequest request, ServerResponse response) {
        Query query = new Query(request);
        SourceRef ref = ref("from", query.text("from"));
        boolean force = query.bool("force");
        GenerationRun run = call(() -> context.actions().generate().run(new GenerateAction.Options(ref, force)));
        context.json().send(response, body(run));
    }

    /** A source ref from a request parameter or field; a blank or missing one is a 400 naming it. */
    static SourceRef ref(String field, String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.badParameter(field, field + ": expected a source (a path, a URL, cluster, or TYPE:LOCATION such as "
                    + "helm:CHART), but it was missing");
        }
        return SourceRef.parse(text);
    }

    /** Runs generation work, turning the sources' failures into the answers they stand for. */
    static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (UnknownSourceException e) {
            throw ApiException.badParameter("from", e.getMessage());
        } catch (ModelSourceException e) {
            throw ApiException.invalid(e.getMessage(), List.of(Problem.error("source.unreadable", e.getMessage(),
                    Location.of(e.source().text()))));
        } catch (SourceFailedException e) {
            throw new ApiException(502, "source-failed", "Model source failed", e.getMessage(), List.of());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /**
     * A run as JSON: {@code ref, source, status (generated|unchanged), fingerprint, unchangedSince, summary, report}
     * and, as before sources were pluggable, {@code models[], components, created[], updated[], unchanged, rejected[],
     * seconds}.
     */
    static Map<String, Object> body(GenerationRun run) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ref", run.ref());
        body.put("source", run.source());
        body.put("fingerprint", run.fingerprint());
        body.put("summary", run.summary());
        switch (run) {
            case GenerationRun.Unchanged unchanged -> {
                body.put("status", "unchanged");
                body.put("unchangedSince", unchanged.since());
            }
            case GenerationRun.Generated generated -> {
                ImportReport report = generated.report();
                body.put("status", "generated");
                body.put("report", report);
                List<ImportReport.Entry> stored = new java.util.ArrayList<>(report.created());
                stored.addAll(report.updated());
                stored.addAll(report.unchanged());
                body.put("models", stored.stream().filter(e -> e.kind() == EntityKind.MODEL).map(ImportReport.Entry::name).toList());
                body.put("components", stored.stream().filter(e -> e.kind() == EntityKind.COMPONENT).count());
                body.put("created", report.created().stream().map(ModelGenerationService::label).toList());
                body.put("updated", report.updated().stream().map(ModelGenerationService::label).toList());
                body.put("unchanged", report.unchanged().size());
                body.put("rejected", report.rejected().stream().flatMap(r -> r.problems().stream()).toList());
                body.put("seconds", generated.took().toMillis() / 1000.0);
            }
        }
        return body;
    }

    private static String label(ImportReport.Entry entry) {
        return entry.kind().name().toLowerCase(Locale.ROOT) + " " + entry.name();
    }
}
