package io.meshwright.spi.extension;

import java.net.URI;

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
     * A fetcher that refuses every URL: what a {@link PluginContext} made without one (by a test, say) offers, so
     * that nothing is fetched outside the engine's rules by accident.
     */
    static Fetcher none() {
        return (url, maxBytes) -> {
            throw new FetchFailedException(url, "this plugin context offers no fetcher");
        };
    }
}
