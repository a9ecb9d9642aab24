package io.meshwright.spi.extension;

import java.net.URI;

/** A {@link Fetcher} could not or would not fetch a URL; the message names the URL and says why. */
public final class FetchFailedException extends RuntimeException {

    private final transient URI url;

    public FetchFailedException(URI url, String reason) {
        super("cannot fetch " + url + ": " + reason);
        this.url = url;
    }

    /** The URL asked for (not the last redirect). */
    public URI url() {
        return url;
    }
}
