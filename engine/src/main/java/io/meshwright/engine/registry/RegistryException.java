package io.meshwright.engine.registry;

/** A registry operation the caller asked for cannot be done (nothing found, unreadable source). */
public class RegistryException extends RuntimeException {
    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
