package io.meshwright.engine.sources;

import io.meshwright.spi.extension.GenerationResult;
import io.meshwright.spi.extension.ModelSource;
import io.meshwright.spi.model.SourceRef;
import java.util.Optional;

/** One {@code .json}, {@code .yaml} or {@code .yml} file: a model, a component, a relationship, or a bundle. */
final class DocumentSource implements ModelSource {

    private final LocalFiles files;

    DocumentSource(LocalFiles files) {
        this.files = files;
    }

    @Override
    public String name() {
        return "document";
    }

    @Override
    public boolean supports(SourceRef ref) {
        return LocalFiles.isFileEndingWith(ref, ".json", ".yaml", ".yml");
    }

    @Override
    public GenerationResult generate(SourceRef ref, Optional<String> previousFingerprint) {
        return files.read(ref, previousFingerprint);
    }
}
