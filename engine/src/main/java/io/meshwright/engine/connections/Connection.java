package io.meshwright.engine.connections;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A system the engine reads from, tested when it was added.
 *
 * @param id        the store's id
 * @param type      {@code prometheus}
 * @param name      unique, given or made from the URL's host
 * @param url       the base URL as given; may carry credentials ({@code https://user:secret@host}), so it is shown
 *                  only as {@link #displayUrl()}
 * @param createdAt when it was added
 * @param version   what the system said it is when tested (Prometheus' version)
 */
public record Connection(long id, String type, String name, String url, Instant createdAt, String version) {

    public Connection {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
    }

    /** The URL without user information (credentials never leave the engine, nor reach a log line). */
    public String displayUrl() {
        return redact(url);
    }

    /** {@code url} without its user information; unparseable text is withheld whole. */
    public static String redact(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getRawUserInfo() == null) {
                return url;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
                    uri.getFragment()).toString();
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return "(an unparseable URL)";
        }
    }

    @Override
    public String toString() {
        return type + " connection " + name + " (" + displayUrl() + ")";
    }
}
