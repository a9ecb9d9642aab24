package io.meshwright.engine.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.meshwright.engine.registry.ImportReport.Rejection;
import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the reference system's spreadsheet exports ({@code models.csv}, {@code components.csv},
 * {@code relationships.csv}) into model, component and relationship documents. The columns read are listed
 * in {@code registry/CSV.md}. The header row is found among the first rows (mesheryctl's templates put a
 * summary row before it); rows are located by line for problems.
 */
final class SpreadsheetReader {
    static final String DEFAULT_VERSION = "v1.0.0";

    private final ObjectMapper json;
    private final CsvMapper csv = new CsvMapper();

    SpreadsheetReader(ObjectMapper json) {
        this.json = json;
    }

    record Result(List<ParsedDocument> documents, List<Rejection> rejected) {}

    private enum Sheet { MODELS, COMPONENTS, RELATIONSHIPS }

    Result read(List<InputFile> files) {
        List<ParsedDocument> documents = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        for (InputFile file : files) {
            try {
                readSheet(file, documents, rejected);
            } catch (InputRejectedException e) {
                rejected.add(new Rejection(EntityKind.FILE, file.source(), List.of(e.problem())));
            } catch (IOException e) {
                rejected.add(new Rejection(EntityKind.FILE, file.source(), List.of(Problem.error("csv.syntax",
                        "unreadable CSV: " + e.getMessage(), Location.of(file.source())))));
            }
        }
        return new Result(documents, rejected);
    }

    private void readSheet(InputFile file, List<ParsedDocument> documents, List<Rejection> rejected)
            throws IOException, InputRejectedException {
        String text = DocumentParser.decodeUtf8(file);
        List<List<String>> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (MappingIterator<List<String>> it = csv.readerForListOf(String.class).with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(text)) {
            while (it.hasNextValue()) {
                lines.add(it.getCurrentLocation().getLineNr());
                rows.add(it.nextValue());
            }
        }
        int headerRow = -1;
        Sheet sheet = null;
        for (int i = 0; i < Math.min(rows.size(), 5) && sheet == null; i++) {
            sheet = sheetOf(file.lowerName(), columns(rows.get(i)));
            headerRow = i;
        }
        if (sheet == null) {
            throw new InputRejectedException(Problem.error("csv.header", "expected a header row naming the columns of a models, "
                    + "components or relationships sheet (see CSV.md), but found none in the first rows", Location.of(file.source())));
        }
        Map<String, Integer> columns = columns(rows.get(headerRow));
        for (int i = headerRow + 1; i < rows.size(); i++) {
            Row row = new Row(rows.get(i), columns, new Location(file.source(), lines.get(i), 1, null));
            if (row.blank()) {
                continue;
            }
            try {
                ObjectNode node = switch (sheet) {
                    case MODELS -> model(row);
                    case COMPONENTS -> component(row);
                    case RELATIONSHIPS -> relationship(row);
                };
                documents.add(new ParsedDocument(node, null, row.location, null));
            } catch (InputRejectedException e) {
                rejected.add(new Rejection(switch (sheet) {
                    case MODELS -> EntityKind.MODEL;
                    case COMPONENTS -> EntityKind.COMPONENT;
                    case RELATIONSHIPS -> EntityKind.RELATIONSHIP;
                }, file.source() + ":" + lines.get(i), List.of(e.problem())));
            }
        }
    }

    private static Sheet sheetOf(String fileName, Map<String, Integer> header) {
        boolean relationships = header.containsKey("kind") && header.containsKey("type") && header.containsKey("model");
        boolean components = header.containsKey("component") && header.containsKey("model");
        boolean models = header.containsKey("model") && header.containsKey("registrant") && !components;
        if (fileName.startsWith("relationship") && relationships) {
            return Sheet.RELATIONSHIPS;
        }
        if (fileName.startsWith("component") && components) {
            return Sheet.COMPONENTS;
        }
        if (fileName.startsWith("model") && models) {
            return Sheet.MODELS;
        }
        return relationships ? Sheet.RELATIONSHIPS : components ? Sheet.COMPONENTS : models ? Sheet.MODELS : null;
    }

    private static Map<String, Integer> columns(List<String> header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                columns.putIfAbsent(name, i);
            }
        }
        return columns;
    }

    private ObjectNode model(Row row) {
        ObjectNode node = json.createObjectNode();
        node.put("schemaVersion", "models.meshery.io/v1beta1");
        node.put("name", row.get("model"));
        node.put("version", row.or("version", DEFAULT_VERSION));
        node.put("displayName", row.or("modeldisplayname", row.get("model")));
        node.put("description", row.get("description"));
        node.putObject("category").put("name", row.get("category"));
        node.put("subCategory", row.get("subcategory"));
        node.putObject("registrant").put("kind", row.get("registrant").toLowerCase(Locale.ROOT));
        node.put("status", "enabled");
        node.putObject("model").put("version", row.get("modelversion"));
        ObjectNode metadata = node.putObject("metadata");
        for (String column : List.of("shape", "primaryColor", "secondaryColor", "svgColor", "svgWhite", "svgComplete",
                "styleOverrides", "website", "docs", "logoURL")) {
            metadata.put(column, row.get(column.toLowerCase(Locale.ROOT)));
        }
        metadata.put("source_uri", row.get("sourceurl"));
        metadata.put("isAnnotation", row.flag("isannotation"));
        return node;
    }

    private ObjectNode component(Row row) throws InputRejectedException {
        ObjectNode node = json.createObjectNode();
        node.put("schemaVersion", "components.meshery.io/v1beta1");
        node.put("version", row.or("version", DEFAULT_VERSION));
        node.put("displayName", row.or("displayname", row.get("component")));
        node.put("description", row.get("description"));
        node.put("status", "enabled");
        ObjectNode model = node.putObject("model");
        model.put("name", row.get("model"));
        model.putObject("model").put("version", row.get("modelversion"));
        ObjectNode metadata = node.putObject("metadata");
        metadata.put("isAnnotation", row.flag("isannotation"));
        metadata.put("isNamespaced", row.flag("isnamespaced"));
        metadata.put("genealogy", row.get("genealogy"));
        ObjectNode styles = node.putObject("styles");
        for (String column : List.of("shape", "primaryColor", "secondaryColor", "svgColor", "svgWhite", "svgComplete")) {
            styles.put(column, row.get(column.toLowerCase(Locale.ROOT)));
        }
        ObjectNode component = node.putObject("component");
        component.put("kind", row.get("component"));
        component.put("version", row.or("apiversion", ""));
        component.put("schema", row.get("schema"));
        return node;
    }

    private ObjectNode relationship(Row row) throws InputRejectedException {
        ObjectNode node = json.createObjectNode();
        node.put("schemaVersion", "relationships.meshery.io/v1alpha3");
        node.put("version", DEFAULT_VERSION);
        node.put("kind", row.get("kind").toLowerCase(Locale.ROOT));
        node.put("type", row.get("type").toLowerCase(Locale.ROOT));
        node.put("subType", row.get("subtype").toLowerCase(Locale.ROOT));
        node.put("status", "enabled");
        ObjectNode metadata = node.putObject("metadata");
        metadata.put("description", row.get("metadata.description"));
        metadata.put("isAnnotation", row.flag("metadata.isannotation"));
        ObjectNode model = node.putObject("model");
        model.put("name", row.get("model"));
        String version = row.get("version");
        model.putObject("model").put("version", version.equals("*") ? "*" : version);
        if (!row.get("selector").isBlank()) {
            node.set("selectors", row.jsonArray("selector"));
        } else {
            ObjectNode selector = node.putArray("selectors").addObject();
            for (String rule : List.of("allow", "deny")) {
                ObjectNode side = selector.putObject(rule);
                side.set("from", row.jsonArray("selectors." + rule + ".from"));
                side.set("to", row.jsonArray("selectors." + rule + ".to"));
            }
        }
        return node;
    }

    /** One data row, read by lower-cased column name. */
    private final class Row {
        private final List<String> cells;
        private final Map<String, Integer> columns;
        private final Location location;

        Row(List<String> cells, Map<String, Integer> columns, Location location) {
            this.cells = cells;
            this.columns = columns;
            this.location = location;
        }

        boolean blank() {
            return cells.stream().allMatch(String::isBlank);
        }

        String get(String column) {
            Integer index = columns.get(column);
            return index == null || index >= cells.size() ? "" : cells.get(index).strip();
        }

        String or(String column, String fallback) {
            String value = get(column);
            return value.isEmpty() ? fallback : value;
        }

        boolean flag(String column) {
            String value = get(column).toLowerCase(Locale.ROOT);
            return value.equals("true") || value.equals("yes");
        }

        /** A cell of JSON: an array, one object, or objects separated by commas. */
        ArrayNode jsonArray(String column) throws InputRejectedException {
            String value = get(column);
            ArrayNode array = json.createArrayNode();
            if (value.isBlank()) {
                return array;
            }
            JsonNode parsed;
            try {
                parsed = json.readTree(value);
            } catch (JsonProcessingException first) {
                try {
                    parsed = json.readTree("[" + value + "]");
                } catch (JsonProcessingException e) {
                    throw new InputRejectedException(Problem.error("csv.json", "column '" + column
                            + "' must hold JSON, but it does not parse: " + first.getOriginalMessage(), location.withField(column)));
                }
            }
            if (parsed.isArray()) {
                return (ArrayNode) parsed;
            }
            return array.add(parsed);
        }
    }
}
