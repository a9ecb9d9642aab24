package io.meshwright.engine.fetch;

import java.net.URI;

/** A URL could not be fetched, or was refused; the message names the URL and why. */
public final class FetchException extends RuntimeException {

    private final URI url;
    private final String reason;

    public FetchException(URI url, String reason) {
        super("cannot fetch " + url + ": " + reason);
        this.url = url;
        this.reason = reason;
    }

    /** Why, without the URL (a caller naming the URL its own way). */
    public String reason() {
        return reason;
    }

    public URI url() {
        return url;
    }
}
