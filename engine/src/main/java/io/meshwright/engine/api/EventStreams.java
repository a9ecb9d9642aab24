package io.meshwright.engine.api;

import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import io.meshwright.engine.events.EventBus;
import io.meshwright.engine.events.EventJson;
import io.meshwright.spi.event.Event;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Streams events from the {@link EventBus} to an HTTP client as server-sent events: one SSE event per bus event,
 * named after the event's type, with the event as JSON data. Reuse it for any route that follows events:
 * <pre>{@code rules.get("/{id}/events", (req, res) -> streams.stream(res, e -> id.equals(e.subject())));}</pre>
 *
 * <p>The handler blocks (on its virtual thread) until the client goes away or the engine stops; a comment
 * line every {@code heartbeat} finds a client that left. Events are buffered per client up to a bound; a client
 * too slow to keep up loses the overflow (and is told with a comment) rather than slowing the publisher.
 */
public final class EventStreams implements AutoCloseable {

    private static final int BUFFER = 10_000;

    private final EventBus bus;
    private final EventJson events = new EventJson();
    private final Duration heartbeat;
    private volatile boolean open = true;

    public EventStreams(EventBus bus, Json json, Duration heartbeat) {
        this.bus = bus;
        this.heartbeat = heartbeat;
    }

    /** Streams the events {@code filter} accepts to {@code response} until the client leaves or the engine stops. */
    public void stream(ServerResponse response, Predicate<Event> filter) {
        BlockingQueue<Event> queue = new LinkedBlockingQueue<>(BUFFER);
        Overflow overflow = new Overflow();
        try (AutoCloseable ignored = bus.subscribe(filter, event -> overflow.count(queue.offer(event)));
             SseSink sink = response.sink(SseSink.TYPE)) {
            sink.emit(SseEvent.builder().comment("following events").build());
            while (open) {
                Event event = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (overflow.lost() > 0) {
                    sink.emit(SseEvent.builder().comment(overflow.drain() + " event(s) dropped: the client was too slow").build());
                }
                sink.emit(event == null
                        ? SseEvent.builder().comment("keep-alive").build()
                        : SseEvent.builder().name(event.type()).data(events.text(event)).build());
            }
        } catch (UncheckedIOException clientLeft) {
            // The client closed the connection: nothing to tell anyone.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("event stream failed: " + e.getMessage(), e);
        }
    }

    /** Ends every stream at its next event or heartbeat (the engine is stopping). */
    @Override
    public void close() {
        open = false;
    }

    private static final class Overflow {
        private final java.util.concurrent.atomic.AtomicLong lost = new java.util.concurrent.atomic.AtomicLong();

        void count(boolean accepted) {
            if (!accepted) {
                lost.incrementAndGet();
            }
        }

        long lost() {
            return lost.get();
        }

        long drain() {
            return lost.getAndSet(0);
        }
    }
}
