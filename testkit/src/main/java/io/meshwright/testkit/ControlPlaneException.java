package io.meshwright.testkit;

/**
 * The local control plane could not be provisioned, started or reached. The message always says what to do
 * (run {@code testbed/cluster provision}, free a port, read a named log file, ...).
 */
public final class ControlPlaneException extends RuntimeException {

    public ControlPlaneException(String message) {
        super(message);
    }

    public ControlPlaneException(String message, Throwable cause) {
        super(message, cause);
    }
}
