package io.meshwright.spi.model;

import java.util.Objects;

/**
 * One file a {@link io.meshwright.spi.extension.ModelSource} hands to the engine as it is, in one of the
 * registry's import formats (a Meshery model package's {@code model.json}, {@code components/*.json},
 * {@code relationships/*.json}; a {@code .json}/{@code .yaml} model, component, relationship or bundle; a CSV
 * sheet in mesheryctl's format). The engine validates and stores these exactly as {@code model import} does,
 * so a source that finds files in those formats (a Git repository of model packages, say) need not turn them
 * into {@link ModelBundle}s and lose what the bundle record does not carry.
 *
 * @param path    its path inside the source, with {@code /} separators (the folder layout matters for model
 *                packages: {@code <model>/<version>/<definition-version>/components/X.json})
 * @param source  how a user finds it in problem reports (a file path, {@code archive.tar.gz!entry}, a URL)
 * @param content its bytes; the record does not copy the array, so do not change it afterwards
 */
public record SourceFile(String path, String source, byte[] content) {

    public SourceFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(content, "content");
    }
}
