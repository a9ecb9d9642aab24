package io.meshwright.spi;

/**
 * Where a problem was found: a file (or other source name), a 1-based line and column when known, and the
 * field path inside the document (for example {@code components[2].configuration.spec.replicas}).
 *
 * @param source a file path, URL or entry name; {@code null} when the input had no name
 * @param line   1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param field  a dotted/indexed field path, or {@code null} when the problem concerns the whole document
 */
public record Location(String source, int line, int column, String field) {

    /** A location naming only the source. */
    public static Location of(String source) {
        return new Location(source, 0, 0, null);
    }

    /** The same location pointing at a field. */
    public Location withField(String fieldPath) {
        return new Location(source, line, column, fieldPath);
    }

    /** {@code file:line:column (field)}, leaving out what is unknown. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(source == null ? "<input>" : source);
        if (line > 0) {
            text.append(':').append(line);
            if (column > 0) {
                text.append(':').append(column);
            }
        }
        if (field != null && !field.isEmpty()) {
            text.append(" (").append(field).append(')');
        }
        return text.toString();
    }
}
