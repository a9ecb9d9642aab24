package io.meshwright.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwright.engine.store.Database;
import io.meshwright.spi.Location;
import io.meshwright.spi.deploy.DeploymentState;
import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.design.Design;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.ModelRef;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentStoreTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static Design design(String version) {
        ComponentDeclaration config = new ComponentDeclaration("c1", "settings", ModelRef.any("kubernetes"),
                new Gvk("", "v1", "ConfigMap"), "shop", Map.of("data", Map.of("k", "v")), List.of(), false, null,
                new Location("d.yaml", 3, 1, null));
        return new Design("shop", "shop", version, List.of(config), List.of(), "d.yaml");
    }

    @Test
    void aTransitionSurvivesReopeningTogetherWithTheDesignBeingDeployed() {
        try (Database database = Database.open(dir.resolve("db"), LifecycleMigrations.all())) {
            DeploymentStore store = new DeploymentStore(database, clock);
            store.begin("dep", design("1"), "local", "uid-1", DeployOptions.defaults());
            store.transition("dep", DeploymentState.VALIDATING, null);
            store.transition("dep", DeploymentState.PLANNED, null);
            store.transition("dep", DeploymentState.APPLYING, null);
        }
        try (Database database = Database.open(dir.resolve("db"), LifecycleMigrations.all())) {
            DeploymentStore.Stored stored = new DeploymentStore(database, clock).stored("dep").orElseThrow();
            assertThat(stored.record().state()).isEqualTo(DeploymentState.APPLYING);
            assertThat(stored.design()).isEqualTo(design("1"));
            assertThat(stored.options()).isEqualTo(DeployOptions.defaults());
        }
    }

    @Test
    void theStateMachineRefusesToUndeployWhatIsAlreadyUndeployed() {
        try (Database database = Database.open(dir.resolve("db"), LifecycleMigrations.all())) {
            DeploymentStore store = new DeploymentStore(database, clock);
            store.begin("dep", design("1"), "local", "uid-1", DeployOptions.defaults());
            store.transition("dep", DeploymentState.UNDEPLOYING, null);
            store.transition("dep", DeploymentState.UNDEPLOYED, null);
            assertThatThrownBy(() -> store.transition("dep", DeploymentState.UNDEPLOYING, null))
                    .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("UNDEPLOYED");
        }
    }

    @Test
    void deployingANewVersionMovesTheSameDeploymentAndKeepsItsHistory() {
        try (Database database = Database.open(dir.resolve("db"), LifecycleMigrations.all())) {
            DeploymentStore store = new DeploymentStore(database, clock);
            store.begin("dep", design("1"), "local", "uid-1", DeployOptions.defaults());
            for (DeploymentState state : List.of(DeploymentState.VALIDATING, DeploymentState.PLANNED,
                    DeploymentState.APPLYING, DeploymentState.VERIFYING, DeploymentState.DEPLOYED)) {
                store.transition("dep", state, null);
            }
            DeploymentRecord second = store.begin("dep", design("2"), "local", "uid-1", DeployOptions.defaults());
            assertThat(second.designVersion()).isEqualTo("2");
            assertThat(second.state()).isEqualTo(DeploymentState.VALIDATING);
            assertThat(store.list()).hasSize(1);
            assertThat(store.history("dep")).hasSize(7).last().asString().contains("DEPLOYED → VALIDATING");
        }
    }
}
