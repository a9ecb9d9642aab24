package io.meshwright.engine.events;

import io.meshwright.spi.event.Event;
import io.meshwright.spi.event.EventSink;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The in-process event bus every engine part publishes to; the HTTP (server-sent events), gRPC and NATS
 * publishers subscribe to it. Subscribers are called on the publishing thread and must not block; a
 * subscriber that throws is skipped for that event, never the publisher.
 */
public final class EventBus implements EventSink {

    private final Clock clock;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    public EventBus(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public void publish(Event event) {
        for (Subscription subscription : subscriptions) {
            if (subscription.filter().test(event)) {
                try {
                    subscription.consumer().accept(event);
                } catch (RuntimeException ignored) {
                    // One broken subscriber must not stop the publisher or the other subscribers.
                }
            }
        }
    }

    /** Subscribes to events matching {@code filter}; close the returned handle to stop. */
    public AutoCloseable subscribe(Predicate<Event> filter, Consumer<Event> consumer) {
        Subscription subscription = new Subscription(filter, consumer);
        subscriptions.add(subscription);
        return () -> subscriptions.remove(subscription);
    }

    private record Subscription(Predicate<Event> filter, Consumer<Event> consumer) {}
}
