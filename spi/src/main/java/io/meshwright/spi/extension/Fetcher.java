package io.meshwright.spi.extension;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Fetches URLs for a plugin the way the engine fetches its own (registry imports, a model's {@code source_uri}), so a
 * plugin that downloads on a user's behalf (a chart repository, say) keeps the engine's rules: {@code http} and
 * {@code https} only; a host that resolves to a loopback, link-local, private or otherwise internal address is refused
 * unless the operator allows private URLs ({@code serve --allow-private-urls}); every redirect is checked again;
 * bodies are bounded in size and time. Use it for every URL that comes from a design, a source reference or a file
 * someone else wrote, instead of an HTTP client of your own. Added in SPI 1.3. Thread-safe.
 */
@FunctionalInterface
public interface Fetcher {

    /**
     * The body of {@code url}.
     *
     * @param maxBytes the most the caller accepts; the engine's own limit applies when it is lower
     * @throws FetchFailedException when the URL is refused (scheme, address), the server answers other than 2xx, the
     *     body is too large or too slow, or the connection fails; the message says which
     */
    byte[] fetch(URI url, long maxBytes);

    /**
     * A GET with request headers, answered with whatever status the server gives, for protocols that need to see a
     * 401 and its challenge or send credentials (an OCI registry's token dance, say). The same rules as
     * {@link #fetch} hold: the address policy for the URL and every redirect, the size and time bounds (for error
     * bodies too). Redirects (3xx with a {@code Location}) are followed and not returned; request headers are sent
     * to the first origin only: when a redirect leads to another scheme, host or port, every header but {@code Accept}
     * is dropped ({@code Authorization}, {@code Cookie}, a custom token header: registries send blobs to a storage
     * service, which must not see the registry's credentials). Added in SPI 1.5.
     *
     * <p>The default refuses, as {@link #none()} does: a fetcher from before SPI 1.5 makes plain GETs only.
     *
     * @return the last hop's status, headers and body, whatever the status
     * @throws FetchFailedException when the URL or a redirect is refused (scheme, address), a header cannot be sent
     *     (such as {@code Host} or {@code Content-Length}, which the engine sets itself), the body is too large or
     *     too slow, there are too many redirects, or the connection fails; the message says which
     */
    default Response exchange(Request request) {
        throw new FetchFailedException(request.url(), "this fetcher makes plain GETs only (no request headers; SPI 1.5"
                + " engines offer them)");
    }

    /**
     * A GET for {@link #exchange}.
     *
     * @param url      an http or https URL
     * @param headers  request headers by name ({@code Accept}, {@code Authorization}, ...); never null
     * @param maxBytes the most body the caller accepts; the engine's own limit applies when it is lower
     */
    record Request(URI url, Map<String, String> headers, long maxBytes) {

        public Request {
            Objects.requireNonNull(url, "url");
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }
    }

    /**
     * What {@link #exchange} got.
     *
     * @param url     the URL that answered (the request's, or the last redirect's)
     * @param status  the HTTP status, any value
     * @param headers the response headers, names in lower case
     * @param body    the body, at most the request's {@code maxBytes}
     */
    record Response(URI url, int status, Map<String, List<String>> headers, byte[] body) {

        public Response {
            Objects.requireNonNull(url, "url");
            TreeMap<String, List<String>> lower = new TreeMap<>();
            if (headers != null) {
                headers.forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            }
            headers = java.util.Collections.unmodifiableMap(lower);
            body = body == null ? new byte[0] : body;
        }

        /** The first value of header {@code name} (any case). */
        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
        }

        /** Whether the status is 2xx. */
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    /**
     * A fetcher that refuses every URL: what a {@link PluginContext} made without one (by a test, say) offers, so
     * that nothing is fetched outside the engine's rules by accident.
     */
    static Fetcher none() {
        return (url, maxBytes) -> {
            throw new FetchFailedException(url, "this plugin context offers no fetcher");
        };
    }
}
