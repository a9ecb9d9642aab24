package io.meshwright.engine.sources;

import io.meshwright.engine.registry.Registry;
import io.meshwright.engine.store.Database;
import io.meshwright.spi.extension.ModelSource;
import io.meshwright.spi.model.ModelBundle;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Model generation as the transports use it: the installed sources, the generate action and the schedules.
 *
 * @param sources   every installed source, built-ins and plugins'
 * @param generate  runs one source
 * @param schedules stored schedules and the runner that keeps them
 */
public record ModelGeneration(ModelSources sources, GenerateModels generate, GenerationScheduler schedules) {

    /**
     * Wires the built-in sources, the plugins' and the action over one store (opened with
     * {@link ModelSourceMigrations#all()} among its migrations). The scheduler is not started.
     *
     * @param pluginSources the loaded plugins' sources, asked at each call
     * @param clusterModels generates the target cluster's models ({@code cluster})
     */
    public static ModelGeneration wire(Registry registry, Database database, Clock clock,
            Supplier<List<ModelSource>> pluginSources, Supplier<List<ModelBundle>> clusterModels) {
        ModelSources sources = new ModelSources(ModelSources.builtIns(registry, registry.defaultLimits(), clusterModels), pluginSources);
        GenerateModels generate = new GenerateModels(sources, registry, database, clock);
        return new ModelGeneration(sources, generate, new GenerationScheduler(generate, database, clock));
    }
}
