package io.meshwright.engine.sources;

import io.meshwright.spi.extension.GenerationResult;
import io.meshwright.spi.extension.ModelSource;
import io.meshwright.spi.model.SourceRef;
import java.nio.file.Files;
import java.util.Optional;

/**
 * A folder of model definitions: Meshery's package layout ({@code <model>/<version>/<definition-version>/
 * {model.json, components/, relationships/}}, folders starting with {@code _} skipped) or any folder of
 * {@code .json}/{@code .yaml} definitions and bundles. Folders that are OCI image layouts or hold only CSV sheets
 * are left to {@link OciLayoutSource} and {@link SpreadsheetSource}.
 */
final class PackageDirectorySource implements ModelSource {

    private final LocalFiles files;

    PackageDirectorySource(LocalFiles files) {
        this.files = files;
    }

    @Override
    public String name() {
        return "package";
    }

    @Override
    public boolean supports(SourceRef ref) {
        return LocalFiles.path(ref).filter(Files::isDirectory).isPresent()
                && !OciLayoutSource.isLayoutFolder(ref) && !SpreadsheetSource.isSheetFolder(ref);
    }

    @Override
    public GenerationResult generate(SourceRef ref, Optional<String> previousFingerprint) {
        return files.read(ref, previousFingerprint);
    }
}
