package io.meshwright.engine.agent;

import io.meshwright.spi.extension.RegistrationResult;
import io.meshwright.spi.extension.RegistryView;
import io.meshwright.spi.model.ComponentDefinition;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.Model;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.ModelRef;
import io.meshwright.spi.model.RelationshipDefinition;
import java.util.List;
import java.util.Optional;

/** The agent keeps no registry: no kind has a definition, so its objects are DISCOVERED. */
final class NoRegistry implements RegistryView {

    @Override
    public Optional<Model> model(ModelRef ref) {
        return Optional.empty();
    }

    @Override
    public List<ComponentDefinition> components(Gvk gvk, Optional<ModelRef> model) {
        return List.of();
    }

    @Override
    public List<RelationshipDefinition> relationshipsFor(String kind) {
        return List.of();
    }

    @Override
    public RegistrationResult register(ModelBundle bundle, String registrant) {
        throw new UnsupportedOperationException("the sync agent has no registry");
    }
}
