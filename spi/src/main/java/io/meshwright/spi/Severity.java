package io.meshwright.spi;

/** How serious a {@link Problem} or an event is. Only {@link #ERROR} stops the thing it concerns. */
public enum Severity {
    INFO,
    WARNING,
    ERROR
}
