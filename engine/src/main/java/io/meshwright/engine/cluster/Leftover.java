package io.meshwright.engine.cluster;

import io.meshwright.spi.deploy.ResourceRef;

/**
 * An object carrying a deployment's label that should not be there (any more).
 *
 * @param ref     the object
 * @param uid     its uid
 * @param reason  why it counts as left over, e.g. "not in the inventory"
 * @param command the exact kubectl command that removes it
 */
public record Leftover(ResourceRef ref, String uid, String reason, String command) {}
