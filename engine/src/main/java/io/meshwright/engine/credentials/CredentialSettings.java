package io.meshwright.engine.credentials;

import java.nio.file.Path;
import java.util.List;

/**
 * Which credentials the operator lets designs name ({@code serve --credential-env-prefix}, {@code --credentials-dir}).
 *
 * @param envPrefixes a design may name an environment variable only when its name starts with one of these
 * @param folders     a design may name a file only when its real path is inside one of these; the first is where
 *                    relative paths are taken from
 */
public record CredentialSettings(List<String> envPrefixes, List<Path> folders) {

    /** The prefix designs' variables must start with unless the operator names others. */
    public static final String DEFAULT_ENV_PREFIX = "MESHWRIGHT_CRED_";
    /** The folder under the data directory designs' files must be in unless the operator names others. */
    public static final String DEFAULT_FOLDER = "credentials";

    public CredentialSettings {
        envPrefixes = List.copyOf(envPrefixes);
        folders = folders.stream().map(f -> f.toAbsolutePath().normalize()).toList();
        for (String prefix : envPrefixes) {
            // An empty prefix would let designs name every variable of the engine, which is what this rule prevents.
            if (prefix.isBlank() || !prefix.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("--credential-env-prefix: expected the start of a variable name, such as "
                        + DEFAULT_ENV_PREFIX + ", but was '" + prefix + "'");
            }
        }
        if (folders.isEmpty()) {
            throw new IllegalArgumentException("--credentials-dir: at least one folder is needed");
        }
    }

    /**
     * The operator's choice, each list falling back to its default when empty: {@code MESHWRIGHT_CRED_} and
     * {@code <dataDir>/credentials}.
     */
    public static CredentialSettings of(Path dataDir, List<String> envPrefixes, List<Path> folders) {
        return new CredentialSettings(envPrefixes == null || envPrefixes.isEmpty() ? List.of(DEFAULT_ENV_PREFIX) : envPrefixes,
                folders == null || folders.isEmpty() ? List.of(dataDir.resolve(DEFAULT_FOLDER)) : folders);
    }

    /** The defaults for an engine on {@code dataDir}. */
    public static CredentialSettings defaults(Path dataDir) {
        return of(dataDir, List.of(), List.of());
    }

    /** One line for the start-up report, e.g. {@code variables MESHWRIGHT_CRED_*, files under /data/credentials}. */
    public String describe() {
        return "variables " + String.join(", ", envPrefixes.stream().map(p -> p + "*").toList()) + "; files under "
                + String.join(", ", folders.stream().map(Path::toString).toList());
    }
}
