package io.meshwright.spi.extension;

import io.meshwright.spi.model.SourceRef;
import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * Turns a source (a Helm chart, a repository path at a ref, a spreadsheet, a bundle) into model definitions.
 *
 * <p>How the engine uses it: for {@code model generate --from TEXT} it parses the text with
 * {@link SourceRef#parse}, asks its built-in sources (model package folders, definition files, archives, OCI image
 * layouts, CSV sheets, {@code http(s)} URLs, the target {@code cluster}) and then every loaded plugin's sources
 * whether they {@link #supports} the ref, and calls {@link #generate} on the first that does, passing the
 * fingerprint it stored for that ref's {@link SourceRef#text()} last time. So a plugin's source serves the types
 * the built-ins do not know ({@code helm}, {@code git}, {@code oci}, its own).
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #supports} is cheap (no network, no reading whole files) and does not throw; the engine calls it
 *       for every generate request and takes a throwing source as not supporting the ref.</li>
 *   <li>{@link #generate} is idempotent and may run on a schedule: when the source's fingerprint equals
 *       {@code previousFingerprint} it returns {@link GenerationResult#unchanged} without doing the work. The
 *       engine also compares itself: a result whose fingerprint equals the stored one is not registered. Return
 *       {@code unchanged} only when a previous fingerprint was given.</li>
 *   <li>Models may come back as records ({@link GenerationResult#models}) or as files in one of the registry's
 *       import formats ({@link GenerationResult#files}), or both; both are registered through one import.</li>
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
