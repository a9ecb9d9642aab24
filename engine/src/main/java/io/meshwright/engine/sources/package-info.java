/**
 * Model sources: where models come from, and generating them on demand or on a schedule.
 *
 * <p>Every source is a {@link io.meshwright.spi.extension.ModelSource}, the built-in ones (model package
 * folders, {@code .json}/{@code .yaml} files, archives, OCI image layouts, CSV sheets, URLs, the target cluster)
 * exactly like a plugin's: {@link io.meshwright.engine.sources.ModelSources} asks each, built-ins first, whether it
 * {@code supports} a {@link io.meshwright.spi.model.SourceRef}. {@link io.meshwright.engine.sources.GenerateModels}
 * runs one source, honouring the fingerprint it stored last time, and registers the result through the
 * registry's import; {@link io.meshwright.engine.sources.GenerationScheduler} runs stored schedules on time.
 *
 * <p>Imports: {@code registry}, {@code store} and the SPI; nothing above.
 */
package io.meshwright.engine.sources;
