package io.meshwright.engine.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the CLI reads from its surroundings, passed in rather than read from globals so that tests can run
 * commands in-process with their own values.
 *
 * @param variables environment variables ({@code MESHWRIGHT_SERVER}, {@code MESHWRIGHT_TOKEN}, {@code MESHWRIGHT_DATA_DIR})
 * @param userHome  the user's home (the default data directory is {@code ~/.meshwright})
 * @param home      the distribution's folder ({@code -Dmeshwright.home}, set by the launcher), if any
 */
public record CliEnvironment(Map<String, String> variables, Path userHome, Optional<Path> home) {

    public CliEnvironment {
        variables = Map.copyOf(variables);
    }

    /** The real process environment. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), Path.of(System.getProperty("user.home")),
                Optional.ofNullable(System.getProperty("meshwright.home")).map(Path::of));
    }

    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }

    /** {@code --data-dir} if given, else {@code MESHWRIGHT_DATA_DIR}, else {@code ~/.meshwright}. */
    public Path dataDir(Path option) {
        if (option != null) {
            return option;
        }
        return variable("MESHWRIGHT_DATA_DIR").map(Path::of).orElse(userHome.resolve(".meshwright"));
    }
}
