package io.meshwright.engine.registry;

/**
 * What deleting a model removed.
 *
 * @param model         the model that was deleted
 * @param components    how many component definitions went with it
 * @param relationships how many relationship definitions went with it
 */
public record DeleteResult(ModelSummary model, int components, int relationships) {}
