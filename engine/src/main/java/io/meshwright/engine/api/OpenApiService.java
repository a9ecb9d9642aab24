package io.meshwright.engine.api;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /openapi}: the API described in OpenAPI 3.1, a hand-written resource kept next to the routes. */
final class OpenApiService implements HttpService {

    static final String RESOURCE = "/io/meshwright/engine/api/openapi.yaml";

    private final byte[] document;

    OpenApiService() {
        try (InputStream in = OpenApiService.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the engine jar");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::document);
    }

    private void document(ServerRequest request, ServerResponse response) {
        response.header(HeaderNames.CONTENT_TYPE, "application/yaml");
        response.send(document);
    }
}
