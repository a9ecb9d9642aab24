package io.meshwright.engine.store;

/** The embedded store failed (disk full, file locked, corrupted). Never swallowed: state writes must not be lost. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
