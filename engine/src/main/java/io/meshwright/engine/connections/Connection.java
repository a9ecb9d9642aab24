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
     * {@code url} without its user information: everything between {@code ://} (or the start, when there is none)
     * and the last {@code @} before the first whitespace goes, as plain text. Parsing cannot find it: an unencoded
     * {@code /}, {@code ?}, {@code #} or {@code @} in the password ends Java's authority early or makes it
     * registry-based, and the rest of the password would be shown as path, query or host. What is left is withheld
     * whole when it does not parse (a password holding whitespace).
     */
    public static String redact(String url) {
        String text = url.strip();
        int space = indexOfWhitespace(text);
        int scheme = text.indexOf("://");
        int start = scheme >= 0 && scheme < space ? scheme + 3 : 0;
        int at = text.lastIndexOf('@', space - 1);
        String redacted = at >= start ? text.substring(0, start) + text.substring(at + 1) : text;
        try {
            URI.create(redacted);
            return at >= start ? redacted : url;
        } catch (IllegalArgumentException e) {
            return "(an unparseable URL)";
        }
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return text.length();
    }

    @Override
    public String toString() {
        return type + " connection " + name + " (" + displayUrl() + ")";
    }
}
