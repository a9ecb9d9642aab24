package io.meshwright.spi.deploy;

/**
 * What became of one object of a batch apply: its {@link ApplyResult}, or why it was refused.
 *
 * @param ref     the object (as far as it could be resolved)
 * @param result  the apply's result; {@code null} when it was refused
 * @param failure why it was refused; {@code null} when it was applied
 */
public record ApplyAttempt(ResourceRef ref, ApplyResult result, String failure) {

    /** The attempt as a part outcome: applied, unchanged, or failed with the reason. */
    public PartOutcome outcome() {
        if (result == null) {
            return new PartOutcome.Failed(failure, ref);
        }
        return result.created() || result.changed() ? new PartOutcome.Applied(java.util.List.of(result.ref()))
                : new PartOutcome.Unchanged(java.util.List.of(result.ref()));
    }
}
