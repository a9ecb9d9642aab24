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

    Transitioner(DeploymentStore store, EventSink events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** Moves {@code id} to {@code to} (committed), publishes the change, returns the new record. */
    DeploymentRecord move(String id, DeploymentState to, String cause) {
        DeploymentState from = store.get(id).map(DeploymentRecord::state).orElse(null);
        DeploymentRecord record = store.transition(id, to, cause);
        if (from != to) {
            announce(from, record);
        }
        return record;
    }

    /** Publishes that the deployment reached {@code record}'s state from {@code from}. */
    void announce(DeploymentState from, DeploymentRecord record) {
        events.publish(new Event.StateChanged(record.id(), from, record.state(), record.cause(), clock.instant()));
    }
}
