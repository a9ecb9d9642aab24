package io.meshwright.engine.api;

import io.helidon.webserver.http.ServerRequest;
import io.meshwright.engine.actions.DesignInput;
import io.meshwright.engine.design.DesignNaming;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A design sent in a request body: its bytes (a design's text, decoded strictly as UTF-8 by the parser, or an OCI
 * image tarball holding one), where problems point ({@code ?source=}, the file's path on the client, else
 * {@code ?name=}, else {@code request}) and how it is named ({@code ?name=} explicitly, else after an absolute
 * {@code ?source=} path, else not at all: an unnamed design is refused, see {@link DesignNaming}).
 */
record DesignRequest(byte[] body, String source, DesignNaming naming) {

    static DesignRequest of(ServerRequest request) {
        String name = request.query().first("name").orElse(null);
        String path = request.query().first("source").orElse(null);
        String source = path != null ? path : name != null ? name : "request";
        byte[] body = new byte[0];
        // No body is an empty design (the reader says so), not Helidon's "No entity".
        if (request.content().hasEntity()) {
            try (InputStream in = request.content().inputStream()) {
                body = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the request body", e);
            }
        }
        return new DesignRequest(body, source, DesignNaming.of(name, path));
    }

    /** The upload as an action's design input. */
    DesignInput input() {
        return new DesignInput.Upload(body, source, naming);
    }
}
