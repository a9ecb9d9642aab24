package io.meshwright.spi.model;

import java.util.Map;
import java.util.Objects;

/**
 * A named, versioned bundle of component and relationship definitions.
 *
 * <p>Identity: a model is identified by {@code (registrant, name, version)}; importing the same model again
 * updates it in place and never duplicates it.
 *
 * @param name            machine name, e.g. {@code cert-manager}
 * @param version         version of the definitions (e.g. {@code v1.0.0})
 * @param upstreamVersion version of the technology the model describes (e.g. the chart's or CRDs' {@code v1.17.2})
 * @param displayName     name shown to people
 * @param category        category such as {@code Security} or {@code Orchestration & Management}
 * @param registrant      where it came from: {@code github}, {@code artifacthub}, {@code cluster}, {@code manifest},
 *                        a plugin's id, …
 * @param status          enabled or ignored
 * @param metadata        any further attributes, kept as given
 */
public record Model(
        String name,
        String version,
        String upstreamVersion,
        String displayName,
        String category,
        String registrant,
        ModelStatus status,
        Map<String, Object> metadata) {

    public Model {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        status = status == null ? ModelStatus.ENABLED : status;
        metadata = metadata == null ? Map.of() : metadata;
    }

    public ModelRef ref() {
        return new ModelRef(name, version);
    }
}
