package io.meshwright.spi.deploy;

import java.util.List;

/**
 * What a deployer did with one part. The engine, not the deployer, decides what happens next (wait, go on,
 * withhold dependents) and journals the outcome.
 */
public sealed interface PartOutcome {

    /** Objects were created or changed. */
    record Applied(List<ResourceRef> objects) implements PartOutcome {
        public Applied {
            objects = List.copyOf(objects);
        }
    }

    /** Everything was already as declared. */
    record Unchanged(List<ResourceRef> objects) implements PartOutcome {
        public Unchanged {
            objects = List.copyOf(objects);
        }
    }

    /** Applied, but the part waits for something outside it (a controller, a webhook) before it is done. */
    record Waiting(List<ResourceRef> objects, String reason) implements PartOutcome {
        public Waiting {
            objects = List.copyOf(objects);
        }
    }

    /** The part could not be deployed or undeployed; {@code message} says why in a user's terms. */
    record Failed(String message, ResourceRef object) implements PartOutcome {}
}
