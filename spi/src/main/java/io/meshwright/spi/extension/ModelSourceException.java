package io.meshwright.spi.extension;

import io.meshwright.spi.model.SourceRef;

/** A source could not be read at all (unreachable, unreadable, not what it claims to be). */
public class ModelSourceException extends RuntimeException {

    private final transient SourceRef source;

    public ModelSourceException(SourceRef source, String message, Throwable cause) {
        super(source.type() + " " + source.location() + ": " + message, cause);
        this.source = source;
    }

    public SourceRef source() {
        return source;
    }
}
