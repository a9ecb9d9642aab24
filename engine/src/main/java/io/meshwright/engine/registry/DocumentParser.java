package io.meshwright.engine.registry;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads JSON and YAML documents, refusing invalid UTF-8 and YAML alias bombs, and locating syntax errors by
 * line and column.
 *
 * <p>YAML goes through SnakeYAML's composer rather than Jackson's YAML parser because Jackson does not expand
 * aliases (it returns the anchor's name as a string); the composer does, and its {@link LoaderOptions} cap
 * the number of aliases. The node tree is then converted with a node budget, which also stops recursive
 * aliases.
 */
final class DocumentParser {
    private final ObjectMapper json;
    private final ImportLimits limits;

    DocumentParser(ObjectMapper json, ImportLimits limits) {
        this.json = json;
        this.limits = limits;
    }

    /** The outcome of reading one file: documents, or the one problem that stopped it. */
    record Result(List<ParsedDocument> documents, Problem problem) {}

    Result parse(InputFile file) {
        String text;
        try {
            text = decodeUtf8(file);
        } catch (InputRejectedException e) {
            return new Result(List.of(), e.problem());
        }
        String name = file.lowerName();
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        return yaml ? parseYaml(file, text) : parseJson(file, text);
    }

    private Result parseJson(InputFile file, String text) {
        try {
            JsonNode root = json.readTree(text);
            if (root == null || root.isMissingNode()) {
                return new Result(List.of(), Problem.error("parse.empty", "the file holds no JSON document", Location.of(file.source())));
            }
            Location at = new Location(file.source(), 1, 1, null);
            if (root.isArray()) {
                List<ParsedDocument> documents = new ArrayList<>();
                int index = 0;
                for (JsonNode element : root) {
                    documents.add(new ParsedDocument(element, null, at.withField("[" + index++ + "]"), file.folder()));
                }
                return new Result(documents, null);
            }
            return new Result(List.of(new ParsedDocument(root, text, at, file.folder())), null);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            int line = where == null ? 0 : where.getLineNr();
            int column = where == null ? 0 : where.getColumnNr();
            return new Result(List.of(), Problem.error("parse.syntax", "invalid JSON: " + e.getOriginalMessage(),
                    new Location(file.source(), Math.max(line, 0), Math.max(column, 0), null)));
        }
    }

    private Result parseYaml(InputFile file, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(limits.maxYamlAliases());
        options.setNestingDepthLimit(limits.maxNestingDepth());
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()));
        options.setAllowDuplicateKeys(false);
        List<ParsedDocument> documents = new ArrayList<>();
        try {
            for (Node node : new Yaml(options).composeAll(new java.io.StringReader(text))) {
                if (node == null) {
                    continue;
                }
                Mark start = node.getStartMark();
                Location at = new Location(file.source(), start == null ? 0 : start.getLine() + 1, 1, null);
                JsonNode tree = new Converter().convert(node, 0);
                if (!tree.isNull()) {
                    documents.add(new ParsedDocument(tree, null, at, file.folder()));
                }
            }
            return new Result(documents, null);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            return new Result(List.of(), Problem.error(code(e), "invalid YAML: " + firstLine(e.getProblem() != null ? e.getProblem() : e.getMessage()),
                    new Location(file.source(), mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1, null)));
        } catch (YAMLException e) {
            return new Result(List.of(), Problem.error(code(e), "invalid YAML: " + firstLine(e.getMessage()), Location.of(file.source())));
        } catch (NodeBudgetExceeded e) {
            return new Result(List.of(), Problem.error("parse.yaml-aliases", e.getMessage(), Location.of(file.source())));
        }
    }

    private static String code(YAMLException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("aliases") || message.contains("recursive") ? "parse.yaml-aliases" : "parse.syntax";
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** Decodes strictly; a bad byte is reported with its line and column. A UTF-8 byte-order mark is dropped. */
    static String decodeUtf8(InputFile file) throws InputRejectedException {
        io.meshwright.engine.design.Utf8.Decoded decoded = io.meshwright.engine.design.Utf8.decode(file.content(),
                file.source(), "parse.encoding", "files");
        if (decoded.problem() != null) {
            throw new InputRejectedException(decoded.problem());
        }
        return decoded.text();
    }

    private static final class NodeBudgetExceeded extends RuntimeException {
        NodeBudgetExceeded(String message) {
            super(message, null, false, false);
        }
    }

    /** Converts a composed YAML node graph to a JSON tree, counting nodes so alias expansion stays bounded. */
    private final class Converter {
        private final Map<Node, Boolean> active = new IdentityHashMap<>();
        private long nodes;

        JsonNode convert(Node node, int depth) {
            if (++nodes > limits.maxNodes()) {
                throw new NodeBudgetExceeded("YAML expands to more than " + limits.maxNodes()
                        + " nodes through aliases (an alias bomb?); the file was refused");
            }
            if (depth > limits.maxNestingDepth() || active.containsKey(node)) {
                throw new NodeBudgetExceeded("YAML nests too deeply or refers to itself through an alias; the file was refused");
            }
            JsonNodeFactory factory = JsonNodeFactory.instance;
            return switch (node) {
                case ScalarNode scalar -> scalar(scalar);
                case SequenceNode sequence -> {
                    active.put(node, true);
                    ArrayNode array = factory.arrayNode();
                    for (Node item : sequence.getValue()) {
                        array.add(convert(item, depth + 1));
                    }
                    active.remove(node);
                    yield array;
                }
                case MappingNode mapping -> {
                    active.put(node, true);
                    ObjectNode object = factory.objectNode();
                    for (NodeTuple tuple : mapping.getValue()) {
                        String key = tuple.getKeyNode() instanceof ScalarNode keyScalar ? keyScalar.getValue() : convert(tuple.getKeyNode(), depth + 1).toString();
                        object.set(key, convert(tuple.getValueNode(), depth + 1));
                    }
                    active.remove(node);
                    yield object;
                }
                default -> factory.nullNode();
            };
        }

        private JsonNode scalar(ScalarNode scalar) {
            JsonNodeFactory factory = JsonNodeFactory.instance;
            String value = scalar.getValue();
            Tag tag = scalar.getTag();
            try {
                if (Tag.NULL.equals(tag)) {
                    return factory.nullNode();
                }
                if (Tag.BOOL.equals(tag)) {
                    String lower = value.toLowerCase(java.util.Locale.ROOT);
                    return factory.booleanNode(lower.equals("true") || lower.equals("yes") || lower.equals("on") || lower.equals("y"));
                }
                if (Tag.INT.equals(tag)) {
                    return factory.numberNode(new BigInteger(value.replace("_", "")));
                }
                if (Tag.FLOAT.equals(tag)) {
                    return factory.numberNode(Double.parseDouble(value.replace("_", "")));
                }
            } catch (NumberFormatException e) {
                return factory.textNode(value);
            }
            return factory.textNode(value);
        }
    }

}
