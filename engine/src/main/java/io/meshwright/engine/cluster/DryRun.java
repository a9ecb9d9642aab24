package io.meshwright.engine.cluster;

import io.meshwright.spi.deploy.ResourceRef;
import java.util.Map;

/**
 * The result of a server-side dry-run apply: what the object would look like, and whether the apply would
 * create it or change it.
 *
 * @param ref         the object
 * @param wouldCreate it does not exist yet
 * @param wouldChange applying would change it (always true when it would be created)
 * @param result      the object as the server would store it
 * @param live        the object as it is now; empty when it does not exist
 */
public record DryRun(ResourceRef ref, boolean wouldCreate, boolean wouldChange, Map<String, Object> result,
        java.util.Optional<Map<String, Object>> live) {}
