package io.meshwright.spi.extension;

import io.meshwright.spi.Problem;
import io.meshwright.spi.model.ModelBundle;
import java.util.List;

/**
 * What a {@link ModelSource} produced.
 *
 * @param fingerprint identifies the source's content (chart digest, commit SHA, file hash); the engine passes
 *                    it back on the next run
 * @param unchanged   {@code true} when the source's fingerprint equals the previous one, so nothing was generated
 * @param models      the generated models (empty when unchanged)
 * @param problems    per-entity problems; entities with problems are left out of {@code models}
 */
public record GenerationResult(String fingerprint, boolean unchanged, List<ModelBundle> models, List<Problem> problems) {

    public GenerationResult {
        models = List.copyOf(models);
        problems = List.copyOf(problems);
    }

    /** The result of a run that found the source as it was last time. */
    public static GenerationResult unchanged(String fingerprint) {
        return new GenerationResult(fingerprint, true, List.of(), List.of());
    }
}
