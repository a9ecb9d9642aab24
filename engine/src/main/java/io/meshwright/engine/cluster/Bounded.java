package io.meshwright.engine.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one task per item on virtual threads, at most {@code limit} at a time, and waits for all of them.
 * The first failure is rethrown after every task finished (the others are not abandoned half-way).
 */
public final class Bounded {

    private Bounded() {}

    public static <T> void forEach(Collection<T> items, int limit, Consumer<T> task) {
        map(items, limit, item -> {
            task.accept(item);
            return null;
        });
    }

    public static <T, R> List<R> map(Collection<T> items, int limit, Function<T, R> task) {
        Semaphore permits = new Semaphore(Math.max(1, limit));
        List<Future<R>> futures = new ArrayList<>(items.size());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (T item : items) {
                futures.add(executor.submit(() -> {
                    permits.acquire();
                    try {
                        return task.apply(item);
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
        List<R> results = new ArrayList<>(futures.size());
        RuntimeException failure = null;
        for (Future<R> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                failure = failure != null ? failure
                        : e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                results.add(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for concurrent tasks", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }
}
