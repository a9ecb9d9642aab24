package io.meshwright.engine.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The lifecycle's work in progress, and the graceful stop that drains it. While running, every deploy, undeploy
 * and resume is registered here. {@link #drain} then refuses new work, waits for the running work until a
 * deadline, and gives up on what is still running: from that moment such work may not write a deployment record
 * (a deploy whose cluster client is closed under it would otherwise end FAILED, a settled state nothing resumes).
 * Giving up and the record writes exclude each other, so no transition slips in after it.
 */
final class Drain {

    private final Clock clock;
    private final Map<Thread, String> running = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock records = new ReentrantReadWriteLock();
    private final Object changed = new Object();
    private volatile boolean draining;
    private volatile boolean abandoned;

    Drain(Clock clock) {
        this.clock = clock;
    }

    /** Runs {@code work} on deployment {@code id} as registered work; refused once the engine is stopping. */
    <T> T run(String id, Supplier<T> work) {
        Thread self = Thread.currentThread();
        boolean outer = running.putIfAbsent(self, id) == null;
        try {
            // Registered first, checked second: a drain that started meanwhile either sees this work or is seen.
            if (draining && outer) {
                throw new EngineStoppingException("the engine is stopping and takes no new work; try again once it"
                        + " has restarted");
            }
            return work.get();
        } finally {
            if (outer) {
                running.remove(self);
                synchronized (changed) {
                    changed.notifyAll();
                }
            }
        }
    }

    /** Whether new work is refused. */
    boolean draining() {
        return draining;
    }

    /** Writes a deployment record, unless the engine gave up on the work that asks. */
    <T> T record(Supplier<T> write) {
        records.readLock().lock();
        try {
            if (abandoned) {
                throw new EngineStoppingException("the engine stopped before this work finished; the deployment is "
                        + "recorded as interrupted and resumes at the next start");
            }
            return write.get();
        } finally {
            records.readLock().unlock();
        }
    }

    /**
     * Refuses new work, waits up to {@code timeout} for the running work to finish, then gives up on the rest and
     * returns the deployments it was working on (each once). Their threads are interrupted by
     * {@link #interruptAbandoned()} once the caller has recorded them.
     */
    Set<String> drain(Duration timeout) {
        draining = true;
        Instant deadline = clock.instant().plus(timeout);
        synchronized (changed) {
            while (!running.isEmpty()) {
                long left = Duration.between(clock.instant(), deadline).toMillis();
                if (left <= 0) {
                    break;
                }
                try {
                    changed.wait(Math.min(left, 200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        records.writeLock().lock();
        try {
            abandoned = true;
            return new LinkedHashSet<>(running.values());
        } finally {
            records.writeLock().unlock();
        }
    }

    /** Interrupts the work given up on, so that its waits and back-offs end now rather than at their timeouts. */
    void interruptAbandoned() {
        running.keySet().forEach(Thread::interrupt);
    }

    /** Waits up to {@code timeout} for the work given up on to return; whether it did. */
    boolean awaitStopped(Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        synchronized (changed) {
            while (!running.isEmpty()) {
                long left = Duration.between(clock.instant(), deadline).toMillis();
                if (left <= 0) {
                    return false;
                }
                try {
                    changed.wait(Math.min(left, 200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return running.isEmpty();
                }
            }
        }
        return true;
    }
}
