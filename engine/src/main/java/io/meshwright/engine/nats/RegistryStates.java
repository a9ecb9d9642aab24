package io.meshwright.engine.nats;

import io.meshwright.spi.extension.RegistryView;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.sync.ClusterObject;
import io.meshwright.spi.sync.Health;
import io.meshwright.spi.sync.ObjectState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * An object followed from NATS, classified by this engine's registry: its state says what the viewer knows, and an
 * agent has no registry (its objects arrive DISCOVERED). REGISTERED when the registry has a definition of the kind,
 * CONNECTED when it also is healthy, DISCOVERED otherwise; the registry's answer per kind is kept for a while, so a
 * replay of thousands of changes asks it once per kind.
 */
public final class RegistryStates implements UnaryOperator<ClusterObject> {

    private static final Duration REMEMBERED = Duration.ofSeconds(30);

    private final RegistryView registry;
    private final Clock clock;
    private final Map<Gvk, Answer> answers = new ConcurrentHashMap<>();

    private record Answer(boolean known, Instant at) {}

    public RegistryStates(RegistryView registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public ClusterObject apply(ClusterObject object) {
        boolean known = known(object.gvk());
        ObjectState state = !known ? ObjectState.DISCOVERED
                : object.health().status() == Health.Status.HEALTHY ? ObjectState.CONNECTED : ObjectState.REGISTERED;
        return state == object.state() ? object : new ClusterObject(object.cluster(), object.gvk(), object.namespace(),
                object.name(), object.uid(), object.resourceVersion(), object.labels(), state, object.origin(),
                object.deploymentId(), object.health());
    }

    private boolean known(Gvk gvk) {
        Instant now = clock.instant();
        Answer answer = answers.get(gvk);
        if (answer == null || answer.at().plus(REMEMBERED).isBefore(now)) {
            boolean known;
            try {
                known = !registry.components(gvk, Optional.empty()).isEmpty();
            } catch (RuntimeException e) {
                known = answer != null && answer.known(); // the store failing is no reason to stop following
            }
            answer = new Answer(known, now);
            answers.put(gvk, answer);
        }
        return answer.known();
    }
}
