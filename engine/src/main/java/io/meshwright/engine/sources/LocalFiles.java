package io.meshwright.engine.sources;

import io.meshwright.engine.registry.ImportLimits;
import io.meshwright.engine.registry.Registry;
import io.meshwright.engine.registry.RegistryException;
import io.meshwright.spi.extension.GenerationResult;
import io.meshwright.spi.extension.ModelSourceException;
import io.meshwright.spi.model.SourceFile;
import io.meshwright.spi.model.SourceRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the built-in sources of local files share: reading with the registry's reader (archives and OCI layouts
 * unpacked, hostile input refused, the import's size limits) and the unchanged check on the files' fingerprint.
 */
final class LocalFiles {

    private final Registry registry;
    private final ImportLimits limits;

    LocalFiles(Registry registry, ImportLimits limits) {
        this.registry = registry;
        this.limits = limits;
    }

    /** The path a {@code file} ref names, or empty for any other type. */
    static Optional<Path> path(SourceRef ref) {
        if (!"file".equals(ref.type()) || ref.location().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(ref.location()));
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code ref} names an existing regular file whose lower-case name ends with one of {@code endings}. */
    static boolean isFileEndingWith(SourceRef ref, String... endings) {
        return path(ref).filter(Files::isRegularFile).map(p -> {
            String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            for (String ending : endings) {
                if (name.endsWith(ending)) {
                    return true;
                }
            }
            return false;
        }).orElse(false);
    }

    GenerationResult read(SourceRef ref, Optional<String> previousFingerprint) {
        Path path = path(ref).orElseThrow(() -> new ModelSourceException(ref, "not a local path", null));
        try {
            return result(registry.readFiles(path, limits), previousFingerprint);
        } catch (RegistryException e) {
            throw new ModelSourceException(ref, e.getMessage(), e);
        }
    }

    GenerationResult read(SourceRef ref, String name, byte[] content, Optional<String> previousFingerprint) {
        try {
            return result(registry.readFiles(name, content, limits), previousFingerprint);
        } catch (RegistryException e) {
            throw new ModelSourceException(ref, e.getMessage(), e);
        }
    }

    byte[] fetch(SourceRef ref) {
        try {
            return registry.fetch(java.net.URI.create(ref.location()), limits);
        } catch (RegistryException | IllegalArgumentException e) {
            throw new ModelSourceException(ref, e.getMessage(), e);
        }
    }

    private static GenerationResult result(List<SourceFile> files, Optional<String> previousFingerprint) {
        String fingerprint = Fingerprint.ofFiles(files);
        return previousFingerprint.filter(fingerprint::equals).isPresent()
                ? GenerationResult.unchanged(fingerprint)
                : GenerationResult.ofFiles(fingerprint, files);
    }
}
