package io.meshwright.spi.deploy;

import java.util.List;
import java.util.Map;

/**
 * What a deployer did with one part. The engine, not the deployer, decides what happens next (wait, go on,
 * withhold dependents) and journals the outcome.
 *
 * <p>A part that deployed may report {@link #details()}: a few facts about what it runs (a Git deployer's commit,
 * a Helm release's revision). The engine stores the details of the part's latest outcome that reported any with
 * the deployment and shows them in {@code deployment get}; it never interprets them. Keep them short, and never
 * put a credential in them.
 */
public sealed interface PartOutcome {

    /** Facts about what the part runs (name → value, in the deployer's order); empty by default and for failures. */
    default Map<String, String> details() {
        return Map.of();
    }

    /** Objects were created or changed; {@code details} as in {@link PartOutcome#details()}. */
    record Applied(List<ResourceRef> objects, Map<String, String> details) implements PartOutcome {
        public Applied {
            objects = List.copyOf(objects);
            details = copyDetails(details);
        }

        /** Without details (SPI 1.0–1.2). */
        public Applied(List<ResourceRef> objects) {
            this(objects, Map.of());
        }
    }

    /** Everything was already as declared; {@code details} as in {@link PartOutcome#details()}. */
    record Unchanged(List<ResourceRef> objects, Map<String, String> details) implements PartOutcome {
        public Unchanged {
            objects = List.copyOf(objects);
            details = copyDetails(details);
        }

        /** Without details (SPI 1.0–1.2). */
        public Unchanged(List<ResourceRef> objects) {
            this(objects, Map.of());
        }
    }

    /** Applied, but the part waits for something outside it (a controller, a webhook) before it is done. */
    record Waiting(List<ResourceRef> objects, String reason, Map<String, String> details) implements PartOutcome {
        public Waiting {
            objects = List.copyOf(objects);
            details = copyDetails(details);
        }

        /** Without details (SPI 1.0–1.2). */
        public Waiting(List<ResourceRef> objects, String reason) {
            this(objects, reason, Map.of());
        }
    }

    /** The part could not be deployed or undeployed; {@code message} says why in a user's terms. */
    record Failed(String message, ResourceRef object) implements PartOutcome {}

    /** Copies details keeping the deployer's order; {@code null} means none. */
    private static Map<String, String> copyDetails(Map<String, String> details) {
        return details == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }
}
