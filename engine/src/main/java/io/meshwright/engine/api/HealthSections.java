package io.meshwright.engine.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Sections a feature adds to {@code GET /health} beside {@code status} (e.g. {@code nats}: connected, buffered,
 * dropped), each read when asked. Registered by the composition root before the server starts.
 */
public final class HealthSections {

    private final Map<String, Supplier<?>> sections = new LinkedHashMap<>();

    /** Adds (or replaces) the section {@code name}. */
    public synchronized HealthSections add(String name, Supplier<?> section) {
        sections.put(name, section);
        return this;
    }

    /** Every section, read now. */
    public synchronized Map<String, Object> read() {
        Map<String, Object> read = new LinkedHashMap<>();
        sections.forEach((name, section) -> read.put(name, section.get()));
        return read;
    }
}
