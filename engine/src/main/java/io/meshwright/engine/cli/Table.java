package io.meshwright.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How rows of an engine answer are shown as a table, and the printing of an answer in any
 * {@link OutputFormat}. Columns read each row (a JSON object) with a function, usually a JSON pointer:
 * <pre>{@code Table.of(Table.column("ID", "/id"), Table.column("STATE", "/state")).print(out, answer.path("items"), format);}</pre>
 * JSON and YAML print the answer as the engine sent it, so scripts see every field.
 */
public final class Table {

    /** Made on first use: a table needs neither, and each costs start-up time of every command. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    }

    /** One column: its header and how to read its cell from a row. */
    public record Column(String header, Function<JsonNode, String> cell) {}

    private final List<Column> columns;

    private Table(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    public static Table of(Column... columns) {
        return new Table(List.of(columns));
    }

    /** A column showing the text at {@code pointer} (e.g. {@code /model/name}); empty when absent. */
    public static Column column(String header, String pointer) {
        return new Column(header, row -> text(row.at(pointer)));
    }

    /** Prints {@code answer} in {@code format}; for a table, {@code rows} are the rows. */
    public void print(PrintWriter out, JsonNode answer, JsonNode rows, OutputFormat format) {
        switch (format) {
            case JSON -> out.println(write(Json.MAPPER, answer));
            case YAML -> out.print(write(Yaml.MAPPER, answer));
            case TABLE -> printTable(out, rows);
        }
        out.flush();
    }

    private void printTable(PrintWriter out, JsonNode rows) {
        List<String[]> lines = new ArrayList<>();
        lines.add(columns.stream().map(Column::header).toArray(String[]::new));
        for (JsonNode row : rows) {
            lines.add(columns.stream().map(c -> oneLine(c.cell().apply(row))).toArray(String[]::new));
        }
        int[] widths = new int[columns.size()];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                text.append(i == line.length - 1 ? line[i] : String.format("%-" + widths[i] + "s   ", line[i]));
            }
            out.println(text.toString().stripTrailing());
        }
    }

    /** A node as cell text: scalars as they are, arrays joined by commas, objects as JSON, null/missing as empty. */
    public static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "";
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(item -> parts.add(text(item)));
            return String.join(",", parts);
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replace('\n', ' ');
    }

    private static String write(ObjectMapper mapper, JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
