package io.meshwright.engine.design;

import io.meshwright.spi.extension.RegistrationResult;
import io.meshwright.spi.extension.RegistryView;
import io.meshwright.spi.model.ComponentDefinition;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.Model;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.ModelRef;
import io.meshwright.spi.model.RelationshipDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A registry as plain lists: a pure lookup for tests of pure code. */
final class InMemoryRegistry implements RegistryView {

    private final List<ModelBundle> bundles = new ArrayList<>();

    InMemoryRegistry with(ModelBundle bundle) {
        bundles.add(bundle);
        return this;
    }

    @Override
    public Optional<Model> model(ModelRef ref) {
        return bundles.stream().map(ModelBundle::model)
                .filter(m -> m.name().equals(ref.name()) && (ref.version() == null || ref.version().equals(m.version())))
                .findFirst();
    }

    @Override
    public List<ComponentDefinition> components(Gvk gvk, Optional<ModelRef> model) {
        return bundles.stream().flatMap(b -> b.components().stream())
                .filter(c -> c.gvk().equals(gvk))
                .filter(c -> model.isEmpty() || (c.model().name().equals(model.get().name())
                        && (model.get().version() == null || model.get().version().equals(c.model().version()))))
                .toList();
    }

    @Override
    public List<RelationshipDefinition> relationshipsFor(String kind) {
        return bundles.stream().flatMap(b -> b.relationships().stream()).toList();
    }

    @Override
    public RegistrationResult register(ModelBundle bundle, String registrant) {
        throw new UnsupportedOperationException("validation never registers");
    }
}
