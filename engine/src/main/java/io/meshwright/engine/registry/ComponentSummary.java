package io.meshwright.engine.registry;

import io.meshwright.spi.model.ModelStatus;

/**
 * A stored component definition as listings show it.
 *
 * @param key          content-derived key: the model key, definition version, apiVersion and kind
 * @param modelKey     the owning model's key
 * @param model        owning model's name
 * @param modelVersion owning model's upstream version
 * @param registrant   owning model's registrant
 * @param apiVersion   {@code group/version} or {@code version} for the core group ({@code ""} for annotations)
 * @param kind         the kind
 * @param displayName  name shown to people
 * @param namespaced   whether objects of the kind live in a namespace
 * @param version      definition version
 * @param status       the component's own status as given ({@code enabled}, …)
 * @param modelStatus  the owning model's status (it wins: an ignored model resolves nothing)
 */
public record ComponentSummary(
        String key,
        String modelKey,
        String model,
        String modelVersion,
        String registrant,
        String apiVersion,
        String kind,
        String displayName,
        boolean namespaced,
        String version,
        String status,
        ModelStatus modelStatus) {}
