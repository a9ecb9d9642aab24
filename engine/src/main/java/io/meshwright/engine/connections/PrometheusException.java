package io.meshwright.engine.connections;

/** Prometheus did not answer, or not as Prometheus does; the message names the URL without credentials. */
public final class PrometheusException extends RuntimeException {

    public PrometheusException(String message) {
        super(message);
    }
}
