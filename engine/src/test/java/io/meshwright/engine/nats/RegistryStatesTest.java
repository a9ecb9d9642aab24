package io.meshwright.engine.nats;

import static io.meshwright.spi.event.Event.ClusterObjectChanged.Change.ADDED;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.spi.extension.RegistrationResult;
import io.meshwright.spi.extension.RegistryView;
import io.meshwright.spi.model.ComponentDefinition;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.Model;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.ModelRef;
import io.meshwright.spi.model.RelationshipDefinition;
import io.meshwright.spi.sync.ClusterObject;
import io.meshwright.spi.sync.Health;
import io.meshwright.spi.sync.ObjectState;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A followed object's state comes from the following engine's registry. */
class RegistryStatesTest {

    private final AtomicInteger asked = new AtomicInteger();
    private final RegistryView knowsConfigMaps = new RegistryView() {
        @Override
        public Optional<Model> model(ModelRef ref) {
            return Optional.empty();
        }

        @Override
        public List<ComponentDefinition> components(Gvk gvk, Optional<ModelRef> model) {
            asked.incrementAndGet();
            return gvk.kind().equals("ConfigMap") ? List.of(new ComponentDefinition(new ModelRef("kubernetes", "v1.0.0"),
                    "v1.0.0", gvk, true, "ConfigMap", Map.of(), List.of())) : List.of();
        }

        @Override
        public List<RelationshipDefinition> relationshipsFor(String kind) {
            return List.of();
        }

        @Override
        public RegistrationResult register(ModelBundle bundle, String registrant) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void aKnownKindIsRegisteredOrConnectedWhenHealthyAndAnUnknownOneDiscovered() {
        RegistryStates states = new RegistryStates(knowsConfigMaps, Clock.systemUTC());
        ClusterObject healthy = discovered(SyncEvents.configMap("east", "cm", 1, ADDED).object());
        ClusterObject progressing = withHealth(healthy, new Health(Health.Status.PROGRESSING, "waiting", "status"));
        ClusterObject widget = discovered(SyncEvents.change("east", new Gvk("example.com", "v1", "Widget"), "a", "w", 1, ADDED).object());

        assertThat(states.apply(healthy).state()).isEqualTo(ObjectState.CONNECTED);
        assertThat(states.apply(progressing).state()).isEqualTo(ObjectState.REGISTERED);
        assertThat(states.apply(widget).state()).isEqualTo(ObjectState.DISCOVERED);
        assertThat(states.apply(widget)).isSameAs(widget);
        for (int i = 0; i < 100; i++) {
            states.apply(healthy);
        }
        assertThat(asked).as("asked once per kind, not per object").hasValue(2);
    }

    private static ClusterObject discovered(ClusterObject object) {
        return new ClusterObject(object.cluster(), object.gvk(), object.namespace(), object.name(), object.uid(),
                object.resourceVersion(), object.labels(), ObjectState.DISCOVERED, object.origin(), object.deploymentId(),
                object.health());
    }

    private static ClusterObject withHealth(ClusterObject object, Health health) {
        return new ClusterObject(object.cluster(), object.gvk(), object.namespace(), object.name(), object.uid(),
                object.resourceVersion(), object.labels(), object.state(), object.origin(), object.deploymentId(), health);
    }
}
