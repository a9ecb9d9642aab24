package io.meshwright.spi.deploy;

import java.util.List;

/** What came of deleting one inventoried object. */
public sealed interface DeleteOutcome {

    ResourceRef ref();

    /** Deleted and verified gone. */
    record Deleted(ResourceRef ref) implements DeleteOutcome {}

    /** Already gone (or replaced by another object of the same name, which is left alone). */
    record AlreadyGone(ResourceRef ref, String reason) implements DeleteOutcome {}

    /** Deletion was asked for but the object is still there, held by these finalizers. */
    record BlockedByFinalizers(ResourceRef ref, List<String> finalizers) implements DeleteOutcome {
        public BlockedByFinalizers {
            finalizers = List.copyOf(finalizers);
        }
    }

    /** Deliberately not deleted (pre-existing, claimed by another deployment, CRD still in use, …). */
    record Kept(ResourceRef ref, String reason) implements DeleteOutcome {}

    /** The delete call failed. */
    record Failed(ResourceRef ref, String message) implements DeleteOutcome {}
}
