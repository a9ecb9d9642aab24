package io.meshwright.plugins.helm.chart;

/** A chart or chart repository cannot be read or used; the message names it and says why. */
public class ChartException extends RuntimeException {

    public ChartException(String message) {
        super(message);
    }

    public ChartException(String message, Throwable cause) {
        super(message, cause);
    }
}
