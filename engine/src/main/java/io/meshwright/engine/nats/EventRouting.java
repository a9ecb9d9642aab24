package io.meshwright.engine.nats;

import io.meshwright.spi.event.Event;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which subject and message id an event goes out with. Object changes go to
 * {@code meshwright.sync.<cluster>.<group>.<version>.<kind>} with an id made of the object's uid and resource
 * version; every other event with a subject (a deployment's or an operation's id) to
 * {@code meshwright.deployments.<id>}, with an id unique to this process, so only a re-send of that very message
 * is dropped as a duplicate.
 */
final class EventRouting {

    private final EventCodec codec;
    private final String origin;
    private final AtomicLong sequence = new AtomicLong();

    EventRouting(EventCodec codec, String publisherId, long startedAtMillis) {
        this.codec = codec;
        this.origin = publisherId + "/" + startedAtMillis;
    }

    Optional<Outgoing> route(Event event) {
        if (event instanceof Event.ClusterObjectChanged change) {
            return Optional.of(new Outgoing(Subjects.object(change), EventCodec.msgId(change), codec.encode(event)));
        }
        if (event.subject() == null || event.subject().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Outgoing(Subjects.deployment(event.subject()), origin + "/" + sequence.incrementAndGet(),
                codec.encode(event)));
    }
}
