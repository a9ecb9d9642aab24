package io.meshwright.engine.actions;

import io.meshwright.engine.sources.GenerateModels;
import io.meshwright.engine.sources.GenerationRun;
import io.meshwright.spi.model.SourceRef;

/**
 * Generate: models from any installed source (a path, a URL, {@code cluster}, or a plugin's {@code TYPE:LOCATION}),
 * registered through the import path. A re-run that finds the stored fingerprint stores nothing and says so.
 *
 * <p>The run itself is {@link GenerateModels}, which the generation schedules share; this is its entry for the
 * transports.
 */
public final class GenerateAction {

    /** @param from the source; @param force ignore the stored fingerprint */
    public record Options(SourceRef from, boolean force) {}

    private final EngineContext context;

    public GenerateAction(EngineContext context) {
        this.context = context;
    }

    /** Generated (with the import report) or unchanged (since when). */
    public GenerationRun run(Options options) {
        return context.requireModelGeneration().generate().run(new GenerateModels.Options(options.from(), options.force()));
    }
}
