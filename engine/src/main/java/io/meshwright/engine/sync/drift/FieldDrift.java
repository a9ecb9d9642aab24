package io.meshwright.engine.sync.drift;

/**
 * One field of an object that differs from what its deployment declared.
 *
 * @param path     where, e.g. {@code spec.replicas}, {@code data["app.conf"]}, {@code spec.template.spec.containers[web].image}
 * @param deployed the value the deployed design gives it (as the server would store it: a dry run of the design)
 * @param live     the value on the cluster now; {@code null} when the field is gone
 */
public record FieldDrift(String path, Object deployed, Object live) {}
