package io.meshwright.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwright.spi.Location;

/**
 * A problem's {@code location} as the engine sends it ({@code {source, line, column, field}}), printed by the one
 * {@link Location#toString()} ({@code file:line:column (field)}), so the CLI and the engine show a place alike.
 */
final class ProblemLocation {

    private ProblemLocation() {}

    /** The location in {@code where} (a missing or blank source stays {@code null}). */
    static Location of(JsonNode where) {
        String source = where.path("source").asText("");
        String field = where.path("field").asText("");
        return new Location(source.isEmpty() ? null : source, where.path("line").asInt(), where.path("column").asInt(),
                field.isEmpty() ? null : field);
    }

    /** {@code file:line:column (field)}; {@code <input>} stands for a location without a source. */
    static String text(JsonNode where) {
        return of(where).toString();
    }
}
