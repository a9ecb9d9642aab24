package io.meshwright.engine.credentials;

import io.meshwright.spi.extension.SecretRefusedException;
import io.meshwright.spi.extension.SecretResolver;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The engine's rule for the credentials a design names (see {@link SecretResolver}): variables by prefix, files by
 * folder, judged after symbolic links and {@code ..} are resolved. Handed to every plugin through its context, so no
 * plugin decides on its own which of the engine's secrets a design may use.
 */
public final class CredentialPolicy implements SecretResolver {

    private final CredentialSettings settings;
    private final UnaryOperator<String> env;

    /** @param env reads a variable of the engine's environment ({@code System::getenv}; tests pass their own) */
    public CredentialPolicy(CredentialSettings settings, UnaryOperator<String> env) {
        this.settings = settings;
        this.env = env;
    }

    public CredentialSettings settings() {
        return settings;
    }

    @Override
    public Optional<String> environment(String option, String name) {
        if (name == null || settings.envPrefixes().stream().noneMatch(name::startsWith)) {
            throw new SecretRefusedException(option, "the environment variable " + name, "the engine lets designs name only"
                    + " variables starting with " + String.join(" or ", settings.envPrefixes()) + " (the operator allows"
                    + " other prefixes with serve --credential-env-prefix)");
        }
        String value = env.apply(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    @Override
    public Path file(String option, String path) throws IOException {
        Path written;
        try {
            written = Path.of(path);
        } catch (InvalidPathException | NullPointerException e) {
            throw refusedFile(option, path, "it is not a valid path; " + folderRule());
        }
        Path absolute = settings.folders().getFirst().resolve(written).normalize();
        List<Path> folders = folders();
        // Judged on the path as written first, so a refusal says nothing about whether a file outside exists.
        if (folders.stream().noneMatch(absolute::startsWith)) {
            throw refusedFile(option, path, folderRule());
        }
        Path real = absolute.toRealPath();
        if (folders.stream().noneMatch(real::startsWith)) {
            throw refusedFile(option, path, "it leads through a symbolic link to outside the credential folders; " + folderRule());
        }
        return real;
    }

    /** Each folder as configured and, when it exists, as its real path (a folder may itself sit behind a link). */
    private List<Path> folders() {
        List<Path> all = new ArrayList<>();
        for (Path folder : settings.folders()) {
            all.add(folder);
            try {
                all.add(folder.toRealPath());
            } catch (IOException e) {
                // a folder that does not exist holds no file: its lexical form is enough
            }
        }
        return all;
    }

    private SecretRefusedException refusedFile(String option, String path, String rule) {
        return new SecretRefusedException(option, "the file " + path, rule);
    }

    private String folderRule() {
        return "the engine lets designs name only files inside " + String.join(" or ", settings.folders().stream()
                .map(Path::toString).toList()) + ", symbolic links and .. resolved (the operator allows other folders with"
                + " serve --credentials-dir)";
    }
}
