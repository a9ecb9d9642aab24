package io.meshwright.engine.design;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How a design gets its name, and with it its id and its deployment's id. Two different designs must never
 * share one: the deployment of the second would be taken for a new version of the first, and pruning would
 * delete what the first created. So a design is named, in this order:
 * <ol>
 *   <li>explicitly ({@code --name}, {@code ?name=}): the name wins over everything, and the id is derived from it;</li>
 *   <li>by itself: a design's own {@code name} (and declared id);</li>
 *   <li>for text that names nothing (plain Kubernetes manifests, a {@code services:} design without a name),
 *       by the full path of its file: the file name plus a hash of the absolute path ({@code deploy-1a2b3c4d}),
 *       so {@code app/deploy.yaml} and {@code db/deploy.yaml} are two designs, and one file keeps its name whatever
 *       its content;</li>
 *   <li>otherwise not at all: a {@code design.unnamed} problem, never a default such as {@code request}.</li>
 * </ol>
 */
public sealed interface DesignNaming permits DesignNaming.Explicit, DesignNaming.ByPath, DesignNaming.Required,
        DesignNaming.FromSource, DesignNaming.Stored {

    /** {@code name} names the design, whatever its text says. */
    record Explicit(String name) implements DesignNaming {}

    /** An unnamed design is named after this absolute path (the file it was read from, on the client's machine). */
    record ByPath(String absolutePath) implements DesignNaming {}

    /** An unnamed design is refused. */
    record Required() implements DesignNaming {}

    /**
     * An unnamed design is named after the file name of its source as given: for callers that read one
     * known file themselves (tests, the dependency installer), never for designs arriving over the API.
     */
    record FromSource() implements DesignNaming {}

    /** A saved design read again: it keeps the name and id it was saved under. */
    record Stored(String name, String id) implements DesignNaming {}

    /**
     * The naming of a request: {@code explicitName} when given; else the source when it is an absolute path;
     * else none (an unnamed design is then refused).
     */
    static DesignNaming of(String explicitName, String source) {
        if (explicitName != null && !explicitName.isBlank()) {
            return new Explicit(explicitName.strip());
        }
        if (source != null && isAbsolute(source)) {
            return new ByPath(source);
        }
        return new Required();
    }

    private static boolean isAbsolute(String source) {
        // A Windows client's path (C:\…) is as good an identity as a Unix one, though this JVM would not call it absolute.
        return source.startsWith("/") || source.matches("^[A-Za-z]:[\\\\/].*");
    }

    /** {@code <file name without extension>-<8 hex digits of SHA-256 of the path>}. */
    static String nameForPath(String absolutePath) {
        String normalized = absolutePath.replace('\\', '/');
        String file = normalized.substring(normalized.lastIndexOf('/') + 1).replaceFirst("\\.(ya?ml|json|tar|tgz|tar\\.gz)$", "");
        String stem = file.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return (stem.isEmpty() ? "design" : stem) + "-" + sha256(normalized).substring(0, 8);
    }

    /** The file name of {@code source} without its extension (the {@link FromSource} rule). */
    static String nameForSource(String source) {
        return Path.of(source.replace('!', '/')).getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
