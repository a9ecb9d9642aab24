package io.meshwright.engine.lifecycle;

import io.meshwright.spi.deploy.DeploymentState;
import io.meshwright.spi.event.Event;
import io.meshwright.spi.event.EventSink;
import java.time.Clock;

/** Commits a deployment's transition, then announces it as a typed {@link Event.StateChanged}. */
final class Transitioner {

    private final DeploymentStore store;
    private final EventSink events;
    private final Clock clock;
    private final Drain drain;

    Transitioner(DeploymentStore store, EventSink events, Clock clock, Drain drain) {
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.drain = drain;
    }

    /**
     * Moves {@code id} to {@code to} (committed), publishes the change, returns the new record.
     *
     * @throws EngineStoppingException when the engine gave up on this work at shutdown: the deployment is recorded
     *     as interrupted and must stay so
     */
    DeploymentRecord move(String id, DeploymentState to, String cause) {
        DeploymentState from = store.get(id).map(DeploymentRecord::state).orElse(null);
        DeploymentRecord record = drain.record(() -> store.transition(id, to, cause));
        if (from != to) {
            announce(from, record);
        }
        return record;
    }

    /** Commits another write to a deployment record under the same rule as {@link #move}. */
    <T> T record(java.util.function.Supplier<T> write) {
        return drain.record(write);
    }

    /** Publishes that the deployment reached {@code record}'s state from {@code from}. */
    void announce(DeploymentState from, DeploymentRecord record) {
        events.publish(new Event.StateChanged(record.id(), from, record.state(), record.cause(), clock.instant()));
    }
}
