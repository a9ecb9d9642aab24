package io.meshwright.engine.sources;

/**
 * A model source failed in a way its contract does not allow (it threw something other than
 * {@link io.meshwright.spi.extension.ModelSourceException}): a bug in the source, reported with its name.
 */
public final class SourceFailedException extends RuntimeException {

    public SourceFailedException(String source, String ref, Throwable cause) {
        super("model source " + source + " failed on " + ref + ": " + cause, cause);
    }
}
