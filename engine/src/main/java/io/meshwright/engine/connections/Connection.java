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

    /**
     * {@code url} without its user information; unparseable text is withheld whole. Everything up to the last
     * {@code @} of the authority goes: a password holding an {@code @} makes Java parse the authority as
     * registry-based, without user information, so {@link URI#getRawUserInfo()} alone would let it through.
     */
    public static String redact(String url) {
        try {
            URI uri = URI.create(url.strip());
            String authority = uri.getRawAuthority();
            if (authority == null || !authority.contains("@")) {
                return url;
            }
            return uri.getScheme() + "://" + authority.substring(authority.lastIndexOf('@') + 1)
                    + (uri.getRawPath() == null ? "" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
        } catch (IllegalArgumentException e) {
            return "(an unparseable URL)";
        }
    }

    @Override
    public String toString() {
        return type + " connection " + name + " (" + displayUrl() + ")";
    }
}
