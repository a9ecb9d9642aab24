package io.meshwright.spi.deploy;

/**
 * Applying or deleting an object failed in a way the user must act on. The message names the object and says
 * what the API server objected to and, where known, what to do.
 */
public class ApplyException extends RuntimeException {

    private final transient ResourceRef ref;

    public ApplyException(ResourceRef ref, String message, Throwable cause) {
        super(ref + ": " + message, cause);
        this.ref = ref;
    }

    public ApplyException(ResourceRef ref, String message) {
        this(ref, message, null);
    }

    /** The object concerned. */
    public ResourceRef ref() {
        return ref;
    }
}
