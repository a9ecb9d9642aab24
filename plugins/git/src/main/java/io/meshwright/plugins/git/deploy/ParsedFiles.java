package io.meshwright.plugins.git.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The YAML documents of files already parsed, by Git blob id: a redeploy at a commit that changed a few files
 * parses only those (a blob id names its content, whatever commit or path it is in). Bounded, least recently used
 * first out. Each caller gets its own copy, since deploying changes objects (a default namespace is filled in).
 */
final class ParsedFiles {

    private final int capacity;
    private final Map<String, List<Object>> byBlob;
    private final AtomicLong parses = new AtomicLong();

    ParsedFiles(int capacity) {
        this.capacity = capacity;
        this.byBlob = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** A cache that keeps nothing: every file is parsed each time. */
    static ParsedFiles none() {
        return new ParsedFiles(0);
    }

    /**
     * The documents of the file with blob id {@code blob} ({@code null}: not known), parsing it with {@code parse}
     * only when not held. What {@code parse} throws is not remembered.
     */
    List<Object> documents(String blob, Supplier<List<Object>> parse) {
        List<Object> held = null;
        if (blob != null && capacity > 0) {
            synchronized (byBlob) {
                held = byBlob.get(blob);
            }
        }
        if (held == null) {
            parses.incrementAndGet();
            held = parse.get();
            if (blob != null && capacity > 0) {
                synchronized (byBlob) {
                    byBlob.put(blob, held);
                    if (byBlob.size() > capacity) {
                        byBlob.remove(byBlob.keySet().iterator().next());
                    }
                }
            }
        }
        List<Object> copies = new ArrayList<>(held.size());
        held.forEach(document -> copies.add(copy(document)));
        return copies;
    }

    /** How many files were parsed (not taken from the cache) so far. */
    long parses() {
        return parses.get();
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((key, item) -> copy.put(key, copy(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(copy(item)));
            return copy;
        }
        return value; // strings, numbers, booleans, null: immutable
    }
}
