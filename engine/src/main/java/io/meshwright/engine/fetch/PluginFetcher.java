package io.meshwright.engine.fetch;

import io.meshwright.spi.extension.FetchFailedException;
import io.meshwright.spi.extension.Fetcher;
import java.net.URI;

/**
 * The SPI's {@link Fetcher} over the engine's {@link UrlFetcher}: what plugins fetch goes through the same address
 * policy ({@code --allow-private-urls}), redirect checks and size and time limits as the engine's own fetches.
 */
public final class PluginFetcher implements Fetcher {

    private final UrlFetcher fetcher;

    public PluginFetcher(UrlFetcher fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public byte[] fetch(URI url, long maxBytes) {
        try {
            return fetcher.fetch(url, maxBytes);
        } catch (FetchException e) {
            throw failed(url, e);
        }
    }

    @Override
    public Response exchange(Request request) {
        try {
            UrlFetcher.Answer answer = fetcher.get(request.url(), request.headers(), request.maxBytes());
            return new Response(answer.url(), answer.status(), answer.headers(), answer.body());
        } catch (FetchException e) {
            throw failed(request.url(), e);
        }
    }

    private static FetchFailedException failed(URI url, FetchException e) {
        String prefix = "cannot fetch " + e.url() + ": ";
        String message = e.getMessage();
        return new FetchFailedException(url, message.startsWith(prefix) ? message.substring(prefix.length()) : message);
    }
}
