package io.meshwright.spi.extension;

import io.meshwright.spi.model.ComponentDefinition;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.Model;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.ModelRef;
import io.meshwright.spi.model.RelationshipDefinition;
import java.util.List;
import java.util.Optional;

/**
 * The engine's registry as plugins see it: look up definitions, and register models through the same import
 * path users take (validation, content-derived keys, no duplicates).
 */
public interface RegistryView {

    /** The model, or the newest enabled version of it when {@code ref.version()} is {@code null}. */
    Optional<Model> model(ModelRef ref);

    /** Enabled component definitions of {@code gvk}, newest model version first, optionally within one model. */
    List<ComponentDefinition> components(Gvk gvk, Optional<ModelRef> model);

    /** Enabled relationship definitions involving {@code kind} on either side, from any model. */
    List<RelationshipDefinition> relationshipsFor(String kind);

    /**
     * Validates and stores {@code bundle}. Entities that fail validation are not stored and are listed in the
     * result; the others are (fail-forward).
     */
    RegistrationResult register(ModelBundle bundle, String registrant);
}
