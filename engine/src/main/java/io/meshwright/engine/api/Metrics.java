package io.meshwright.engine.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * A small registry of counters and gauges, written out in the Prometheus text format (version 0.0.4) at
 * {@code GET /metrics}. Hand-written because the engine needs a handful of numbers, not a metrics framework.
 * Thread-safe; label values must be few (methods, status codes, outcomes), never ids or paths.
 */
public final class Metrics {

    private final Map<String, Family> families = new ConcurrentSkipListMap<>();

    /** The counter {@code name} (created on first use); {@code labelNames} fix the order of label values. */
    public Counter counter(String name, String help, String... labelNames) {
        return (Counter) families.computeIfAbsent(name, n -> new Counter(n, help, List.of(labelNames)));
    }

    /** Registers a gauge read when scraped. */
    public void gauge(String name, String help, DoubleSupplier value) {
        families.put(name, new Gauge(name, help, value));
    }

    /** Every metric in the Prometheus text format. */
    public String scrape() {
        StringBuilder out = new StringBuilder();
        for (Family family : families.values()) {
            family.write(out);
        }
        return out.toString();
    }

    private sealed interface Family permits Counter, Gauge {
        void write(StringBuilder out);
    }

    /** A monotonically increasing count, one series per combination of label values. */
    public static final class Counter implements Family {
        private final String name;
        private final String help;
        private final List<String> labelNames;
        private final Map<List<String>, LongAdder> series = new ConcurrentHashMap<>();

        private Counter(String name, String help, List<String> labelNames) {
            this.name = name;
            this.help = help;
            this.labelNames = labelNames;
        }

        /** Adds one to the series with these label values (in the order the label names were given). */
        public void inc(String... labelValues) {
            if (labelValues.length != labelNames.size()) {
                throw new IllegalArgumentException(name + " takes labels " + labelNames + ", but was given " + labelValues.length);
            }
            series.computeIfAbsent(List.of(labelValues), v -> new LongAdder()).increment();
        }

        /** The count of one series (0 when never incremented). */
        public long value(String... labelValues) {
            LongAdder adder = series.get(List.of(labelValues));
            return adder == null ? 0 : adder.sum();
        }

        @Override
        public void write(StringBuilder out) {
            out.append("# HELP ").append(name).append(' ').append(help).append('\n');
            out.append("# TYPE ").append(name).append(" counter\n");
            List<Map.Entry<List<String>, LongAdder>> entries = new ArrayList<>(series.entrySet());
            entries.sort(Map.Entry.comparingByKey((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b))));
            for (Map.Entry<List<String>, LongAdder> entry : entries) {
                out.append(name).append(labels(labelNames, entry.getKey())).append(' ').append(entry.getValue().sum()).append('\n');
            }
        }
    }

    private record Gauge(String name, String help, DoubleSupplier value) implements Family {
        @Override
        public void write(StringBuilder out) {
            out.append("# HELP ").append(name).append(' ').append(help).append('\n');
            out.append("# TYPE ").append(name).append(" gauge\n");
            double current = value.getAsDouble();
            out.append(name).append(' ').append(current == Math.rint(current) ? Long.toString((long) current) : Double.toString(current)).append('\n');
        }
    }

    private static String labels(List<String> names, List<String> values) {
        if (names.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            String value = values.get(i).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
            text.append(names.get(i)).append("=\"").append(value).append('"');
        }
        return text.append('}').toString();
    }
}
