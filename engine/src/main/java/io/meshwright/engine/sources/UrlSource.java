package io.meshwright.engine.sources;

import io.meshwright.spi.extension.GenerationResult;
import io.meshwright.spi.extension.ModelSource;
import io.meshwright.spi.model.SourceRef;
import java.net.URI;
import java.util.Optional;

/**
 * An {@code http} or {@code https} URL of anything the file sources read (a single definition file, an archive,
 * an OCI layout tar), downloaded with the import's size limit. The fingerprint is the downloaded content's, so an
 * unchanged file stores nothing even though it is downloaded each time.
 */
final class UrlSource implements ModelSource {

    private final LocalFiles files;

    UrlSource(LocalFiles files) {
        this.files = files;
    }

    @Override
    public String name() {
        return "url";
    }

    @Override
    public boolean supports(SourceRef ref) {
        return ("http".equals(ref.type()) || "https".equals(ref.type())) && !ref.location().isBlank();
    }

    @Override
    public GenerationResult generate(SourceRef ref, Optional<String> previousFingerprint) {
        byte[] content = files.fetch(ref);
        String path = URI.create(ref.location()).getPath();
        String name = path == null || path.isBlank() || path.endsWith("/") ? "download" : path.substring(path.lastIndexOf('/') + 1);
        return files.read(ref, name, content, previousFingerprint);
    }
}
