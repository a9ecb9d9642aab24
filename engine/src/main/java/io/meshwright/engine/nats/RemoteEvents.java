package io.meshwright.engine.nats;

import io.meshwright.spi.event.Event;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The events the follower is putting on the local bus right now, by identity: the publisher leaves them alone,
 * so a change that came from NATS never goes back to NATS (no echo between engines and agents).
 */
final class RemoteEvents {

    private final Set<Event> inFlight = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    /** Runs {@code publish} with {@code event} marked as remote. */
    void publishing(Event event, Runnable publish) {
        inFlight.add(event);
        try {
            publish.run();
        } finally {
            inFlight.remove(event);
        }
    }

    boolean isRemote(Event event) {
        return inFlight.contains(event);
    }
}
