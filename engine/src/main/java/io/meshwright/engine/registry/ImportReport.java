package io.meshwright.engine.registry;

import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import java.util.List;

/**
 * What an import did (or, for a dry run, would do): every entity is listed exactly once, as created, updated,
 * unchanged or rejected. A rejected entity carries why and where; the others were stored (unless dry run).
 *
 * @param source    what was imported (path, URL or upload name)
 * @param dryRun    {@code true} when nothing was stored
 * @param created   entities that were new
 * @param updated   entities whose stored content differed and was replaced in place
 * @param unchanged entities already stored with exactly this content
 * @param rejected  entities (or files) that were not stored, each with its problems
 */
public record ImportReport(
        String source,
        boolean dryRun,
        List<Entry> created,
        List<Entry> updated,
        List<Entry> unchanged,
        List<Rejection> rejected) {

    public ImportReport {
        created = List.copyOf(created);
        updated = List.copyOf(updated);
        unchanged = List.copyOf(unchanged);
        rejected = List.copyOf(rejected);
    }

    /**
     * One stored entity.
     *
     * @param kind     model, component or relationship
     * @param name     a readable identity, e.g. {@code github/accurate@v1.4.3 (v1.0.0)} or
     *                 {@code accurate@v1.4.3 accurate.cybozu.com/v1 SubNamespace}
     * @param location the file (and entry) it came from
     */
    public record Entry(EntityKind kind, String name, Location location) {}

    /**
     * One entity, or one file, that was not stored.
     *
     * @param kind     what it was (or {@link EntityKind#FILE} when it could not even be read as an entity)
     * @param name     its identity when known, else the file name
     * @param problems why, each with a location (file:line:column and field path where known); never empty
     */
    public record Rejection(EntityKind kind, String name, List<Problem> problems) {
        public Rejection {
            problems = List.copyOf(problems);
        }
    }

    /** {@code true} when nothing was rejected. */
    public boolean clean() {
        return rejected.isEmpty();
    }

    /** One line: {@code created 3, updated 0, unchanged 12, rejected 1}. */
    public String summary() {
        return "created " + created.size() + ", updated " + updated.size() + ", unchanged " + unchanged.size()
                + ", rejected " + rejected.size() + (dryRun ? " (dry run: nothing stored)" : "");
    }
}
