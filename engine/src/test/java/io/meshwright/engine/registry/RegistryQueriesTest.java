package io.meshwright.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwright.spi.extension.RegistrationResult;
import io.meshwright.spi.extension.RegistryView;
import io.meshwright.spi.model.ComponentDefinition;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.Model;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.ModelRef;
import io.meshwright.spi.model.ModelStatus;
import io.meshwright.spi.model.RelationshipDefinition;
import io.meshwright.spi.model.SelectorEnd;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryQueriesTest {
    @TempDir
    Path dir;

    private static ModelBundle widgets(String upstream, String... kinds) {
        Model model = new Model("widgets", "v1.0.0", upstream, "Widgets", "Demo", "ignored-here", ModelStatus.ENABLED, Map.of());
        List<ComponentDefinition> components = java.util.Arrays.stream(kinds)
                .map(kind -> new ComponentDefinition(model.ref(), "v1.0.0", new Gvk("widgets.example.com", "v1", kind), true,
                        kind + " thing", Map.of("type", "object"), List.of()))
                .toList();
        RelationshipDefinition parent = new RelationshipDefinition(model.ref(), "v1.0.0", "hierarchical", "parent", "inventory",
                List.of(new SelectorEnd("Namespace", "kubernetes", null)), List.of(new SelectorEnd(kinds[0], "widgets", "metadata.namespace")),
                "enabled", null);
        return new ModelBundle(model, components, List.of(parent));
    }

    @Test
    void pluginsRegisterThroughTheImportPathAndLookUpByGvk() {
        Registry registry = RegistryFixture.open(dir, "r");
        RegistryView view = registry.view();

        RegistrationResult first = view.register(widgets("v0.1.0", "Gadget", "Gizmo"), "my-plugin");
        RegistrationResult again = view.register(widgets("v0.1.0", "Gadget", "Gizmo"), "my-plugin");

        assertThat(first.created()).hasSize(4);
        assertThat(first.rejected()).isEmpty();
        assertThat(again.created()).isEmpty();
        assertThat(again.unchanged()).isEqualTo(4);
        assertThat(view.model(ModelRef.any("widgets"))).get().satisfies(m -> assertThat(m.registrant()).isEqualTo("my-plugin"));
        List<ComponentDefinition> gadgets = view.components(new Gvk("widgets.example.com", "v1", "Gadget"), Optional.empty());
        assertThat(gadgets).singleElement().satisfies(c -> {
            assertThat(c.namespaced()).isTrue();
            assertThat(c.schema()).containsEntry("type", "object");
        });
        assertThat(view.relationshipsFor("Namespace")).singleElement().satisfies(r -> {
            assertThat(r.ordering()).isEqualTo(RelationshipDefinition.Ordering.FROM_FIRST);
            assertThat(r.to().getFirst().path()).isEqualTo("metadata.namespace");
        });
    }

    @Test
    void lookupsPreferTheNewestModelVersionAndSkipIgnoredModels() {
        Registry registry = RegistryFixture.open(dir, "r");
        registry.view().register(widgets("v0.9.0", "Gadget"), "p");
        registry.view().register(widgets("v0.10.0", "Gadget"), "p");
        Gvk gadget = new Gvk("widgets.example.com", "v1", "Gadget");

        assertThat(registry.view().model(ModelRef.any("widgets")).orElseThrow().upstreamVersion()).isEqualTo("v0.10.0");
        registry.setStatus(Registry.parseRef("widgets@v0.10.0"), ModelStatus.IGNORED);

        assertThat(registry.view().model(ModelRef.any("widgets")).orElseThrow().upstreamVersion()).isEqualTo("v0.9.0");
        assertThat(registry.view().components(gadget, Optional.empty())).hasSize(1);
        assertThat(registry.components(new ComponentQuery(null, null, "Gadget", null, null, ModelStatus.IGNORED, 0, 10)).items())
                .singleElement().satisfies(c -> assertThat(c.modelVersion()).isEqualTo("v0.10.0"));
        assertThat(registry.models(new ModelQuery(null, null, null, ModelStatus.IGNORED, 0, 10)).items())
                .singleElement().satisfies(m -> assertThat(m.upstreamVersion()).isEqualTo("v0.10.0"));
    }

    @Test
    void searchMatchesSubstringsOfKindAndPagesWithATotal() {
        Registry registry = RegistryFixture.open(dir, "r");
        registry.view().register(widgets("v1", "Gadget", "Gizmo", "Sprocket", "Gearbox"), "p");

        Page<ComponentSummary> page = registry.components(new ComponentQuery("g", null, null, null, null, null, 1, 2));

        assertThat(page.total()).isEqualTo(4);
        assertThat(page.items()).extracting(ComponentSummary::kind).containsExactly("Gearbox", "Gizmo");
        assertThat(registry.components(new ComponentQuery("SPROCK", null, null, null, null, null, 0, 10)).items())
                .extracting(ComponentSummary::kind).containsExactly("Sprocket");
        assertThat(registry.models(new ModelQuery("widg", null, null, null, 0, 10)).total()).isEqualTo(1);
    }

    @Test
    void deletingAModelRemovesItsComponentsAndRelationships() {
        Registry registry = RegistryFixture.open(dir, "r");
        registry.view().register(widgets("v1", "Gadget", "Gizmo"), "p");

        DeleteResult deleted = registry.delete(ModelRef.any("widgets"));

        assertThat(deleted.components()).isEqualTo(2);
        assertThat(deleted.relationships()).isEqualTo(1);
        assertThat(registry.components(ComponentQuery.all()).total()).isZero();
        assertThat(registry.relationships(RelationshipQuery.all()).total()).isZero();
        assertThat(registry.view().relationshipsFor("Namespace")).isEmpty();
        assertThatThrownBy(() -> registry.delete(ModelRef.any("widgets"))).isInstanceOf(ModelNotFoundException.class);
    }

    @Test
    void dataSurvivesClosingAndReopeningTheStore() {
        Registry registry = RegistryFixture.open(dir, "r");
        registry.view().register(widgets("v1", "Gadget"), "p");

        Registry reopened = RegistryFixture.open(dir, "r");

        assertThat(reopened.components(ComponentQuery.all()).total()).isEqualTo(1);
    }
}
