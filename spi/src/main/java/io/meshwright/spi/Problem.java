package io.meshwright.spi;

/**
 * One thing wrong (or worth a warning) with an input, located precisely enough for a user to fix it.
 * Parsers, importers and validators return lists of these instead of stopping at the first one.
 *
 * @param severity how serious it is
 * @param code     a stable, machine-readable identifier such as {@code schema.type} or {@code design.cycle}
 * @param message  a sentence for a person, in the form "expected X, but was Y" where that fits
 * @param location where it was found; never {@code null}
 */
public record Problem(Severity severity, String code, String message, Location location) {

    public static Problem error(String code, String message, Location location) {
        return new Problem(Severity.ERROR, code, message, location);
    }

    public static Problem warning(String code, String message, Location location) {
        return new Problem(Severity.WARNING, code, message, location);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return location + ": " + severity.name().toLowerCase() + ": " + message + " [" + code + "]";
    }
}
