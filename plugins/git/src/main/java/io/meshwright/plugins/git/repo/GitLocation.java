package io.meshwright.plugins.git.repo;

import io.meshwright.spi.model.SourceRef;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What to read from a repository: its URL, a ref (branch, tag or commit; {@code null} for the remote's HEAD),
 * a folder inside it ({@code null} for the root), and which files of that folder count (globs relative to it).
 *
 * @param url      the repository URL as JGit takes it ({@code file://}, {@code git://}, {@code https://},
 *                 {@code ssh://}, or a local path)
 * @param ref      branch, tag or commit SHA; {@code null} for the default branch
 * @param path     a folder inside the repository, without leading or trailing {@code /}; empty for the root
 * @param includes globs a file's path (relative to {@code path}) must match one of; empty: YAML and JSON files
 * @param excludes globs that leave a file out
 * @param credentials where an HTTPS token comes from (options {@code tokenEnv}, {@code tokenFile}, {@code username}),
 *                    or an SSH key ({@code sshKeyFile}, {@code sshKeyEnv}, {@code sshKeyPassphraseEnv}, {@code knownHostsFile})
 */
public record GitLocation(String url, String ref, String path, List<String> includes, List<String> excludes,
        Credentials credentials) {

    public GitLocation {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a git source needs a location (the repository URL)");
        }
        path = path == null ? "" : trim(path);
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
        credentials = credentials == null ? new Credentials("git", null, null) : credentials;
    }

    /** Reads a {@code git:} source: options {@code include} and {@code exclude} hold comma-separated globs. */
    public static GitLocation of(SourceRef source) {
        if (!"git".equals(source.type())) {
            throw new IllegalArgumentException("not a git source: " + source.text());
        }
        return new GitLocation(source.location().strip(), blankToNull(source.ref()), source.path(),
                globs(source.options().get("include")), globs(source.options().get("exclude")),
                Credentials.of(source.options()));
    }

    /** {@code url} as it may be shown: user info (a token in {@code https://token@host}) is cut out. */
    public String safeUrl() {
        return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
    }

    /** Whether {@code relative} (a file path under {@link #path}) is selected by the globs. */
    public boolean selects(String relative) {
        boolean included = includes.isEmpty()
                ? relative.toLowerCase(Locale.ROOT).matches(".*\\.(ya?ml|json)$")
                : includes.stream().anyMatch(glob -> matches(glob, relative));
        return included && excludes.stream().noneMatch(glob -> matches(glob, relative));
    }

    /** Java's globs, except that a leading {@code **}{@code /} also matches no folder at all (as Git's do). */
    private static boolean matches(String glob, String relative) {
        if (matcher(glob).matches(Path.of(relative))) {
            return true;
        }
        return glob.startsWith("**/") && matcher(glob.substring(3)).matches(Path.of(relative));
    }

    private static PathMatcher matcher(String glob) {
        return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }

    /** A design's options are strings; a YAML list comes as {@code [a, b]}, which is taken as well. */
    private static List<String> globs(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String inner = text.strip();
        if (inner.startsWith("[") && inner.endsWith("]")) {
            inner = inner.substring(1, inner.length() - 1);
        }
        return Arrays.stream(inner.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String trim(String path) {
        String trimmed = path.strip();
        while (trimmed.startsWith("/") || trimmed.startsWith("./")) {
            trimmed = trimmed.substring(trimmed.startsWith("/") ? 1 : 2);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
