package io.meshwright.engine.api.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.meshwright.engine.api.Metrics;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Sends one {@code StreamEvents} call's events from its own virtual thread, so that the thread that publishes an
 * event (a deploy in progress) only ever adds it to a bounded queue. The sender writes while the call
 * {@link ServerCallStreamObserver#isReady() is ready} (HTTP/2 flow control lets it) and waits otherwise; a client
 * that stops reading fills its own queue, after which its events are dropped and counted, and nobody else waits.
 *
 * @param <T> the message type
 */
final class EventStreamSender<T> {

    /** Events one slow client may have waiting before further ones are dropped. */
    static final int QUEUE_CAPACITY = 1024;

    private final ServerCallStreamObserver<T> call;
    private final BlockingQueue<T> queue;
    private final Metrics.Counter dropped;
    private final Object readiness = new Object();
    private final Thread sender;
    private volatile boolean closed;

    EventStreamSender(ServerCallStreamObserver<T> call, int capacity, Metrics.Counter dropped, String name) {
        this.call = call;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.dropped = dropped;
        call.setOnReadyHandler(() -> {
            synchronized (readiness) {
                readiness.notifyAll();
            }
        });
        this.sender = Thread.ofVirtual().name(name).start(this::send);
    }

    /** Queues {@code message}; never blocks. Returns whether it was queued (otherwise it was dropped and counted). */
    boolean offer(T message) {
        if (closed) {
            return false;
        }
        if (!queue.offer(message)) {
            dropped.inc("StreamEvents");
            return false;
        }
        return true;
    }

    /** Stops sending (the call was cancelled or the engine stops). */
    void close() {
        closed = true;
        sender.interrupt();
    }

    private void send() {
        try {
            while (!closed) {
                T message = queue.poll(1, TimeUnit.SECONDS);
                if (message == null) {
                    continue;
                }
                awaitReady();
                if (closed) {
                    return;
                }
                call.onNext(message);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The call ended under us (cancelled, connection gone): nothing left to send to.
            closed = true;
        }
    }

    private void awaitReady() throws InterruptedException {
        synchronized (readiness) {
            while (!closed && !call.isReady() && !call.isCancelled()) {
                readiness.wait(1_000);
            }
        }
    }
}
