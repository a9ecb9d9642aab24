package io.meshwright.spi.extension;

import io.meshwright.spi.Problem;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.SourceFile;
import java.util.List;

/**
 * What a {@link ModelSource} produced: models as records, files in one of the registry's import formats, or
 * both. The engine registers all of them through one import (validation, content-derived keys, no duplicates)
 * and stores {@code fingerprint} for the next run.
 *
 * @param fingerprint identifies the source's content (chart digest, commit SHA, file hash); the engine passes
 *                    it back on the next run, and stores nothing when a run returns the fingerprint it already has
 * @param unchanged   {@code true} when the source's fingerprint equals the previous one, so nothing was generated
 * @param models      the generated models (empty when unchanged)
 * @param problems    per-entity problems; entities with problems are left out of {@code models}
 * @param files       files the engine imports as {@code model import} would (empty when unchanged); added in
 *                    SPI 1.1, the four-argument constructor leaves it empty
 */
public record GenerationResult(String fingerprint, boolean unchanged, List<ModelBundle> models, List<Problem> problems,
        List<SourceFile> files) {

    public GenerationResult {
        models = List.copyOf(models);
        problems = List.copyOf(problems);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** A result of models only (no files). */
    public GenerationResult(String fingerprint, boolean unchanged, List<ModelBundle> models, List<Problem> problems) {
        this(fingerprint, unchanged, models, problems, List.of());
    }

    /** The result of a run that found the source as it was last time. */
    public static GenerationResult unchanged(String fingerprint) {
        return new GenerationResult(fingerprint, true, List.of(), List.of(), List.of());
    }

    /** A result of files only, e.g. a model package read from a folder or an archive. */
    public static GenerationResult ofFiles(String fingerprint, List<SourceFile> files) {
        return new GenerationResult(fingerprint, false, List.of(), List.of(), files);
    }
}
