package io.meshwright.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.meshwright.engine.actions.ImportAction;
import io.meshwright.engine.registry.ExportFormat;
import io.meshwright.engine.registry.ImportOptions;
import io.meshwright.engine.registry.ModelNotFoundException;
import io.meshwright.engine.registry.Registry;
import io.meshwright.spi.model.ModelRef;
import io.meshwright.spi.model.ModelStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

/**
 * The registry over HTTP: import, export, list/search/view, status change and delete of models, and listings
 * of component and relationship definitions. Binds requests onto the {@link Registry} facade and sends its
 * results as they are.
 *
 * <pre>
 * POST   /api/registry/import                       raw body (?filename=NAME picks the format), or JSON {"url"} (http/https) /
 *                                                   {"examples": true} (the models bundled with the engine); ?dryRun=true
 * GET    /api/models                                ?q= &amp;registrant= &amp;category= &amp;status= &amp;offset= &amp;limit=
 * GET    /api/models/{name}[/{version}]             the model with its components and relationships
 * PATCH  /api/models/{name}[/{version}]             {"status": "enabled" | "ignored"}
 * DELETE /api/models/{name}[/{version}]             the model with its components and relationships
 * GET    /api/models/{name}/{version}/export        ?format=tar.gz | oci
 * GET    /api/components                            ?q= &amp;kind= &amp;model= &amp;apiVersion= &amp;registrant= &amp;status= &amp;offset= &amp;limit=
 * GET    /api/relationships                         ?q= &amp;model= &amp;kind= &amp;type= &amp;subType= &amp;involving= &amp;offset= &amp;limit=
 * </pre>
 */
final class RegistryService implements HttpService {

    private final Registry registry;
    private final Json json;
    private final ImportAction importAction;

    RegistryService(ApiContext context) {
        this.registry = context.engine().registry();
        this.json = context.json();
        this.importAction = context.actions().importModels();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/registry/import", this::importContent)
                .get("/models", this::listModels)
                .get("/models/{name}/{version}/export", this::export)
                .get("/models/{name}", this::viewModel)
                .get("/models/{name}/{version}", this::viewModel)
                .patch("/models/{name}", this::setStatus)
                .patch("/models/{name}/{version}", this::setStatus)
                .delete("/models/{name}", this::delete)
                .delete("/models/{name}/{version}", this::delete)
                .get("/components", this::listComponents)
                .get("/relationships", this::listRelationships);
    }

    private void importContent(ServerRequest request, ServerResponse response) {
        Query query = new Query(request);
        ImportOptions options = ImportOptions.defaults().withDryRun(query.bool("dryRun"));
        boolean jsonBody = request.headers().contentType().map(type -> type.mediaType().subtype().equals("json")).orElse(false)
                && query.text("filename") == null;
        ImportAction.Input input;
        if (jsonBody) {
            JsonNode body = json.read(request, JsonNode.class);
            if (body.path("examples").asBoolean(false)) {
                input = new ImportAction.Input.Examples();
            } else if (body.hasNonNull("path")) {
                // The engine's files are not the caller's to read: a path is the CLI's convenience, which uploads it.
                throw ApiException.badParameter("path", "importing a path on the engine's machine is refused over the API; "
                        + "upload the content instead (raw body with ?filename=NAME; the CLI's model import PATH does this)");
            } else if (body.hasNonNull("url")) {
                input = new ImportAction.Input.Url(url(body.get("url").asText()));
            } else {
                throw ApiException.badParameter("url",
                        "expected a JSON body with \"url\" (http or https) or \"examples\": true, or raw content with ?filename=NAME");
            }
        } else {
            String filename = query.text("filename");
            if (filename == null) {
                throw ApiException.badParameter("filename", "raw content needs ?filename=NAME (its extension picks the format)");
            }
            input = new ImportAction.Input.Upload(filename, body(request, options.limits().maxFileBytes()));
        }
        json.send(response, importAction.run(new ImportAction.Options(input, options)));
    }

    private void listModels(ServerRequest request, ServerResponse response) {
        Query query = new Query(request);
        json.send(response, registry.models(new io.meshwright.engine.registry.ModelQuery(query.text("q"), query.text("registrant"),
                query.text("category"), query.status("status"), query.integer("offset", 0), query.integer("limit", 100))));
    }

    private void viewModel(ServerRequest request, ServerResponse response) {
        ModelRef ref = ref(request);
        var detail = registry.model(ref).orElseThrow(() -> new ModelNotFoundException(ref));
        json.send(response, Map.of(
                "summary", detail.summary(),
                "document", tree(detail.document()),
                "components", detail.components().stream()
                        .map(c -> Map.of("summary", c.summary(), "document", tree(c.document()))).toList(),
                "relationships", detail.relationships().stream()
                        .map(r -> Map.of("summary", r.summary(), "document", tree(r.document()))).toList()));
    }

    private void setStatus(ServerRequest request, ServerResponse response) {
        JsonNode body = json.read(request, JsonNode.class);
        ModelStatus status = Query.status("status", body.path("status").asText(null));
        if (status == null) {
            throw ApiException.badParameter("status", "expected {\"status\": \"enabled\" | \"ignored\"}");
        }
        json.send(response, registry.setStatus(ref(request), status));
    }

    private void delete(ServerRequest request, ServerResponse response) {
        json.send(response, registry.delete(ref(request)));
    }

    private void export(ServerRequest request, ServerResponse response) {
        ModelRef ref = ref(request);
        String formatName = new Query(request).text("format");
        ExportFormat format = switch (formatName == null ? "tar.gz" : formatName) {
            case "tar.gz", "tgz" -> ExportFormat.TAR_GZ;
            case "oci" -> ExportFormat.OCI;
            default -> throw ApiException.badParameter("format", "expected format tar.gz or oci, but was '" + formatName + "'");
        };
        // Look first, so that an unknown model is a 404 rather than a broken download.
        var model = registry.model(ref).orElseThrow(() -> new ModelNotFoundException(ref)).summary();
        String file = model.name() + "-" + model.upstreamVersion() + (format == ExportFormat.OCI ? ".oci.tar" : ".tar.gz");
        response.header(HeaderNames.CONTENT_TYPE, format == ExportFormat.OCI ? "application/x-tar" : "application/gzip");
        response.header(HeaderValues.create(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\""));
        try (OutputStream out = response.outputStream()) {
            registry.export(ref, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException("export of " + ref + " failed while sending", e);
        }
    }

    private void listComponents(ServerRequest request, ServerResponse response) {
        Query query = new Query(request);
        json.send(response, registry.components(new io.meshwright.engine.registry.ComponentQuery(query.text("q"),
                query.text("model"), query.text("kind"), query.text("apiVersion"), query.text("registrant"),
                query.status("status"), query.integer("offset", 0), query.integer("limit", 100))));
    }

    private void listRelationships(ServerRequest request, ServerResponse response) {
        Query query = new Query(request);
        json.send(response, registry.relationships(new io.meshwright.engine.registry.RelationshipQuery(query.text("q"),
                query.text("model"), query.text("kind"), query.text("type"), query.text("subType"), query.text("involving"),
                query.integer("offset", 0), query.integer("limit", 100))));
    }

    private static ModelRef ref(ServerRequest request) {
        var parameters = request.path().pathParameters();
        String version = parameters.contains("version") ? parameters.get("version") : null;
        return new ModelRef(parameters.get("name"), version);
    }

    private JsonNode tree(String document) {
        try {
            return json.mapper().readTree(document == null ? "null" : document);
        } catch (IOException e) {
            return json.mapper().getNodeFactory().textNode(document);
        }
    }

    private static URI url(String text) {
        try {
            URI url = URI.create(text);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw ApiException.badParameter("url", "expected an http or https URL, but was '" + text
                        + "'; a file on your machine is uploaded instead (raw body with ?filename=NAME; the CLI does this)");
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("url", "expected a URL, but was '" + text + "': " + e.getMessage());
        }
    }

    private static byte[] body(ServerRequest request, long limit) {
        try (InputStream in = request.content().inputStream()) {
            byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (content.length > limit) {
                throw new ApiException(413, "too-large", "Content too large",
                        "the upload is larger than the import limit of " + limit + " bytes", java.util.List.of());
            }
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the upload", e);
        }
    }
}
