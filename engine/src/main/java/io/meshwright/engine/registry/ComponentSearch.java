package io.meshwright.engine.registry;

import io.meshwright.engine.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Component search from memory. Substring search cannot use a B-tree index, and scanning 20,000 rows in SQLite
 * twice per page (count, then sort and page) costs several milliseconds; an in-memory table of the narrow
 * summaries, kept in listing order, answers a search with one linear scan.
 *
 * <p>The table is rebuilt lazily after a write through the owning {@link Registry} ({@link #invalidate()}), so
 * it assumes that registry is the only writer of its database (the engine's case: one process owns the store).
 */
final class ComponentSearch {
    private final Database database;
    private final AtomicLong generation = new AtomicLong();
    private final Object rebuild = new Object();
    private volatile Snapshot snapshot;

    /**
     * @param text   every row's lower-cased search text, separated by {@code \0}: one {@code indexOf} pass over it
     *               finds matches far faster than testing rows one by one
     * @param starts where each row's text begins in {@code text}
     */
    private record Snapshot(long generation, List<ComponentSummary> rows, String text, int[] starts) {}

    ComponentSearch(Database database) {
        this.database = database;
    }

    /** Called after every committed write to the registry's tables. */
    void invalidate() {
        generation.incrementAndGet();
    }

    Page<ComponentSummary> search(ComponentQuery q) {
        Snapshot current = current();
        int offset = Math.max(0, q.offset());
        int limit = q.limit() <= 0 ? 100 : Math.min(q.limit(), RegistryReads.MAX_LIMIT);
        String needle = q.search() == null || q.search().isBlank() ? null : q.search().strip().toLowerCase(Locale.ROOT);
        String status = q.status() == null ? null : q.status().name();
        List<ComponentSummary> page = new ArrayList<>(Math.min(limit, 64));
        long total = 0;
        List<ComponentSummary> rows = current.rows();
        int row = 0;
        while (row < rows.size()) {
            if (needle != null) {
                int at = current.text().indexOf(needle, current.starts()[row]);
                if (at < 0) {
                    break;
                }
                int found = java.util.Arrays.binarySearch(current.starts(), at);
                row = found >= 0 ? found : -found - 2;
            }
            ComponentSummary candidate = rows.get(row);
            if ((q.model() == null || q.model().equals(candidate.model()))
                    && (q.kind() == null || q.kind().equals(candidate.kind()))
                    && (q.apiVersion() == null || q.apiVersion().equals(candidate.apiVersion()))
                    && (q.registrant() == null || q.registrant().equals(candidate.registrant()))
                    && (status == null || status.equals(candidate.modelStatus().name()))) {
                if (total >= offset && page.size() < limit) {
                    page.add(candidate);
                }
                total++;
            }
            row++;
        }
        return new Page<>(page, total, offset, limit);
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (current != null && current.generation() == generation.get()) {
            return current;
        }
        synchronized (rebuild) {
            current = snapshot;
            long wanted = generation.get();
            if (current != null && current.generation() == wanted) {
                return current;
            }
            // Read the generation before loading: a write that commits meanwhile bumps it and forces another rebuild.
            current = load(wanted);
            snapshot = current;
            return current;
        }
    }

    private Snapshot load(long at) {
        return database.read(c -> {
            List<ComponentSummary> rows = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            List<Integer> starts = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT " + RegistryReads.COMPONENT_COLUMNS + ", c.search "
                    + "FROM registry_component c JOIN registry_model m ON m.id = c.model_id "
                    + "ORDER BY c.kind, c.model_name, c.api_version, c.id");
                 ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(RegistryReads.component(result));
                    starts.add(text.length());
                    // Search text never holds \0, so a match never spans two rows.
                    text.append(result.getString(14).replace('\0', ' ')).append('\0');
                }
            }
            return new Snapshot(at, List.copyOf(rows), text.toString(), starts.stream().mapToInt(Integer::intValue).toArray());
        });
    }
}
