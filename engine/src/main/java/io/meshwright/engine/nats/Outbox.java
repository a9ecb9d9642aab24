package io.meshwright.engine.nats;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The messages not yet acknowledged by JetStream, oldest first, bounded: adding to a full outbox drops the oldest
 * and counts it, so that a NATS outage never blocks (nor grows) the engine. The sender peeks the head, publishes it,
 * and removes it only once JetStream acknowledged it, so the backlog goes out in order.
 */
final class Outbox {

    private final int capacity;
    private final Deque<Outgoing> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    private long dropped;

    Outbox(int capacity) {
        this.capacity = capacity;
    }

    /** Adds at the tail; never blocks. */
    void add(Outgoing message) {
        lock.lock();
        try {
            if (queue.size() >= capacity) {
                queue.pollFirst();
                dropped++;
            }
            queue.addLast(message);
            added.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The oldest message, waiting up to {@code millis} for one; {@code null} when none came. */
    Outgoing peek(long millis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
            while (queue.isEmpty() && nanos > 0) {
                nanos = added.awaitNanos(nanos);
            }
            return queue.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    /** Up to {@code count} messages from the head, oldest first, left in place. */
    java.util.List<Outgoing> head(int count) {
        lock.lock();
        try {
            java.util.List<Outgoing> head = new java.util.ArrayList<>(Math.min(count, queue.size()));
            for (Outgoing message : queue) {
                if (head.size() == count) {
                    break;
                }
                head.add(message);
            }
            return head;
        } finally {
            lock.unlock();
        }
    }

    /** Removes {@code message} (normally the head) if it is still there: it may have been dropped meanwhile. */
    void remove(Outgoing message) {
        lock.lock();
        try {
            if (queue.peekFirst() == message) {
                queue.pollFirst();
            } else {
                queue.removeFirstOccurrence(message);
            }
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }
}
