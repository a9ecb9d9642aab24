package io.meshwright.engine.sources;

import io.meshwright.spi.extension.GenerationResult;
import io.meshwright.spi.extension.ModelSource;
import io.meshwright.spi.model.SourceRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CSV sheets in mesheryctl's format (models, components, relationships): one {@code .csv} file, or a folder
 * that holds CSV files and no other definitions.
 */
final class SpreadsheetSource implements ModelSource {

    private final LocalFiles files;

    SpreadsheetSource(LocalFiles files) {
        this.files = files;
    }

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public boolean supports(SourceRef ref) {
        return LocalFiles.isFileEndingWith(ref, ".csv") || isSheetFolder(ref);
    }

    /** A folder whose definition files (top level) are all CSV sheets, and at least one. */
    static boolean isSheetFolder(SourceRef ref) {
        Optional<Path> folder = LocalFiles.path(ref).filter(Files::isDirectory);
        if (folder.isEmpty()) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder.get())) {
            List<String> names = entries.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString().toLowerCase(Locale.ROOT))
                    .filter(n -> n.endsWith(".csv") || n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml"))
                    .toList();
            return !names.isEmpty() && names.stream().allMatch(n -> n.endsWith(".csv"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder.get(), e);
        }
    }

    @Override
    public GenerationResult generate(SourceRef ref, Optional<String> previousFingerprint) {
        return files.read(ref, previousFingerprint);
    }
}
