package io.meshwright.spi.deploy;

/**
 * The result of applying one object.
 *
 * @param ref     the object
 * @param uid     its uid after the apply
 * @param created {@code true} when the object did not exist before
 * @param changed {@code true} when the apply changed the object (its resourceVersion moved)
 */
public record ApplyResult(ResourceRef ref, String uid, boolean created, boolean changed) {}
