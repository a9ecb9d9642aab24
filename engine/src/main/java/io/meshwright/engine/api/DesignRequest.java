package io.meshwright.engine.api;

import io.helidon.webserver.http.ServerRequest;
import io.meshwright.engine.design.DesignNaming;
import io.meshwright.engine.design.Utf8;
import io.meshwright.spi.design.Design;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A design sent in a request body: its text (decoded strictly as UTF-8), where problems point ({@code ?source=},
 * the file's path on the client, else {@code ?name=}, else {@code request}) and how it is named
 * ({@code ?name=} explicitly, else after an absolute {@code ?source=} path, else not at all: an unnamed design
 * is refused, see {@link DesignNaming}).
 */
record DesignRequest(String text, String source, DesignNaming naming) {

    static DesignRequest of(ServerRequest request) {
        String name = request.query().first("name").orElse(null);
        String path = request.query().first("source").orElse(null);
        String source = path != null ? path : name != null ? name : "request";
        byte[] body;
        try (InputStream in = request.content().inputStream()) {
            body = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
        Utf8.Decoded decoded = Utf8.decode(body, source);
        if (decoded.problem() != null) {
            throw ApiException.invalid(source + " is not valid UTF-8", List.of(decoded.problem()));
        }
        return new DesignRequest(decoded.text(), source, DesignNaming.of(name, path));
    }

    Design read(DesignReader reader) {
        return reader.read(text, source, naming);
    }
}
