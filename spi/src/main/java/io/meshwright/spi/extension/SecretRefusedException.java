package io.meshwright.spi.extension;

/**
 * A design or source option names an environment variable or a file the operator does not let designs use (see
 * {@link SecretResolver}). The message names the option, the variable or file as written, and the rule with how the operator
 * allows it, e.g. {@code option tokenEnv names the environment variable AWS_SECRET_ACCESS_KEY, which designs may not
 * use: ...}; it never holds a secret. Added in SPI 1.5.
 */
public final class SecretRefusedException extends RuntimeException {

    private final String option;
    private final String named;

    /**
     * @param option the option that names it (e.g. {@code tokenFile})
     * @param named  the variable's name or the file's path, as written
     * @param rule   why it is refused and how the operator allows it
     */
    public SecretRefusedException(String option, String named, String rule) {
        super("option " + option + " names " + named + ", which designs may not use: " + rule);
        this.option = option;
        this.named = named;
    }

    /** The option that names the refused variable or file. */
    public String option() {
        return option;
    }

    /** The variable's name or the file's path, as written. */
    public String named() {
        return named;
    }
}
