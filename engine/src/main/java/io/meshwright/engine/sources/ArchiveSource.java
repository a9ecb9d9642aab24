package io.meshwright.engine.sources;

import io.meshwright.spi.extension.GenerationResult;
import io.meshwright.spi.extension.ModelSource;
import io.meshwright.spi.model.SourceRef;
import java.util.Optional;

/**
 * A {@code .tar.gz}, {@code .tgz}, {@code .tar}, {@code .gz} or {@code .zip} bundle (nested archives too), unpacked
 * in memory; entries escaping with {@code ..} or absolute paths, and archives expanding past the limits, refuse
 * the whole source. An archive that is an OCI image layout goes to {@link OciLayoutSource}.
 */
final class ArchiveSource implements ModelSource {

    private final LocalFiles files;

    ArchiveSource(LocalFiles files) {
        this.files = files;
    }

    @Override
    public String name() {
        return "archive";
    }

    @Override
    public boolean supports(SourceRef ref) {
        return LocalFiles.isFileEndingWith(ref, ".tar.gz", ".tgz", ".tar", ".gz", ".zip");
    }

    @Override
    public GenerationResult generate(SourceRef ref, Optional<String> previousFingerprint) {
        return files.read(ref, previousFingerprint);
    }
}
