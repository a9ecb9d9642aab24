package io.meshwright.engine.sync.drift;

import io.meshwright.spi.deploy.ResourceRef;
import java.util.List;

/**
 * How one object of a deployment compares with what the deployment declared.
 *
 * @param ref     the object
 * @param partId  the design part that declares it
 * @param verdict {@link Verdict}
 * @param fields  the fields that differ ({@link Verdict#CHANGED} only)
 * @param message why it could not be checked ({@link Verdict#UNCHECKED}), what happened ({@link Verdict#MISSING}), or,
 *                for {@link Verdict#IN_SYNC} with a message, what was compared (presence only)
 */
public record ObjectDrift(ResourceRef ref, String partId, Verdict verdict, List<FieldDrift> fields, String message) {

    /** What the comparison found. */
    public enum Verdict {
        /** Every declared field has the deployed value. */
        IN_SYNC,
        /** Declared fields were changed outside Meshwright. */
        CHANGED,
        /** The object was deleted outside Meshwright. */
        MISSING,
        /** The server refused the dry run or the kind is not served: nothing could be said. */
        UNCHECKED
    }

    public ObjectDrift {
        fields = List.copyOf(fields);
    }

    /** Whether this object drifted (changed or deleted). */
    public boolean drifted() {
        return verdict == Verdict.CHANGED || verdict == Verdict.MISSING;
    }
}
