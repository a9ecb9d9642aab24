package io.meshwright.engine.registry;

import io.meshwright.spi.model.ModelStatus;
import java.time.Instant;

/**
 * A stored model as listings show it.
 *
 * @param key             the content-derived key: {@code registrant/name/upstreamVersion/version}
 * @param name            machine name
 * @param version         definition version (e.g. {@code v1.0.0})
 * @param upstreamVersion version of the technology described (e.g. {@code v1.4.3})
 * @param displayName     name shown to people
 * @param category        category, or {@code ""}
 * @param registrant      where it came from ({@code github}, {@code artifacthub}, {@code meshery}, …)
 * @param status          enabled or ignored
 * @param schemaVersion   the document's schemaVersion as imported
 * @param components      how many component definitions it owns
 * @param relationships   how many relationship definitions it owns
 * @param contentHash     SHA-256 of the canonical JSON of the model document
 * @param updatedAt       when its content last changed (or it was created)
 */
public record ModelSummary(
        String key,
        String name,
        String version,
        String upstreamVersion,
        String displayName,
        String category,
        String registrant,
        ModelStatus status,
        String schemaVersion,
        int components,
        int relationships,
        String contentHash,
        Instant updatedAt) {}
