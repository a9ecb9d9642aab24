package io.meshwright.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.RelationshipDefinition;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledExamplesTest {
    @TempDir
    Path dir;

    @Test
    void theBundledExamplesImportCleanlyAndTwiceChangeNothing() {
        Registry registry = RegistryFixture.open(dir, "r");

        ImportReport first = registry.importExamples(ImportOptions.defaults());
        ImportReport second = registry.importExamples(ImportOptions.defaults());

        assertThat(first.rejected()).isEmpty();
        assertThat(registry.models(ModelQuery.all()).items()).extracting(ModelSummary::name)
                .containsExactly("example-certs", "kubernetes");
        assertThat(second.created()).isEmpty();
        assertThat(second.updated()).isEmpty();
        assertThat(second.unchanged()).hasSize(first.created().size());
    }

    @Test
    void theKubernetesExampleAnswersLookupsByGvkAndRelationshipsByKind() {
        Registry registry = RegistryFixture.open(dir, "r");
        registry.importExamples(ImportOptions.defaults());

        assertThat(registry.view().components(new Gvk("apps", "v1", "Deployment"), Optional.empty()))
                .singleElement().satisfies(d -> {
                    assertThat(d.namespaced()).isTrue();
                    assertThat(d.schema()).containsKey("properties");
                });
        assertThat(registry.view().components(new Gvk("", "v1", "Namespace"), Optional.empty()))
                .singleElement().satisfies(n -> assertThat(n.namespaced()).isFalse());
        assertThat(registry.view().relationshipsFor("Namespace")).anySatisfy(r -> {
            assertThat(r.ordering()).isEqualTo(RelationshipDefinition.Ordering.FROM_FIRST);
            assertThat(r.to()).anySatisfy(end -> assertThat(end.kind()).isEqualTo("Deployment"));
        });
        assertThat(registry.view().relationshipsFor("Secret")).extracting(RelationshipDefinition::model)
                .anySatisfy(m -> assertThat(m.name()).isEqualTo("example-certs"));
    }
}
