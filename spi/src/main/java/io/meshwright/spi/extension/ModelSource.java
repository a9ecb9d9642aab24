package io.meshwright.spi.extension;

import io.meshwright.spi.model.SourceRef;
import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * Turns a source (a Helm chart, a repository path at a ref, a spreadsheet, a bundle) into model definitions.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #generate} is idempotent and may run on a schedule: when the source's fingerprint equals
 *       {@code previousFingerprint} it returns {@link GenerationResult#unchanged} without doing the work.</li>
 *   <li>Per-entity problems (one bad CRD in a chart) go into the result and to the event sink; they never
 *       stop the batch. Only a failure of the whole source (unreachable, unreadable) is thrown.</li>
 *   <li>It never writes to the registry itself: the engine registers the result through the import path.</li>
 * </ul>
 * Lifetime: one instance per plugin start; calls may come from several threads.
 */
public interface ModelSource extends ExtensionPoint {

    /** A short name, e.g. {@code helm}, shown in listings and events. */
    String name();

    /** Whether this source understands {@code ref} (usually by {@link SourceRef#type()}). */
    boolean supports(SourceRef ref);

    /**
     * Generates models from {@code ref}.
     *
     * @param previousFingerprint the fingerprint of the last successful run on this ref, if any
     * @throws ModelSourceException when the source as a whole cannot be read
     */
    GenerationResult generate(SourceRef ref, Optional<String> previousFingerprint);
}
