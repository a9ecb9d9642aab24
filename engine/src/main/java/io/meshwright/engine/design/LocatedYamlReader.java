package io.meshwright.engine.design;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML (and so JSON) into {@link LocatedDocument}s with a position for every node.
 *
 * <p>Why not {@code ObjectMapper.readTree}: a tree has no line numbers, and errors must point at lines. Why our own
 * alias handling: Jackson's YAML parser reports an alias as a string holding the anchor's name, which would
 * silently put the wrong value into an object; we expand aliases (and {@code <<} merge keys) ourselves, under a
 * node budget so an alias bomb is refused instead of filling the heap.
 */
final class LocatedYamlReader {

    private final YamlLimits limits;
    private final YAMLFactory factory;

    LocatedYamlReader(YamlLimits limits) {
        this.limits = limits;
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()));
        options.setNestingDepthLimit(limits.maxDepth() + 1);
        options.setMaxAliasesForCollections(Integer.MAX_VALUE);
        options.setAllowDuplicateKeys(true);
        this.factory = YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth() + 1)
                        .maxDocumentLength(limits.maxBytes())
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()))
                        .build())
                .build();
    }

    /** Reads every document of {@code text}; problems (syntax, limits) are added to {@code problems}. */
    List<LocatedDocument> read(String text, String source, List<Problem> problems) {
        List<LocatedDocument> documents = new ArrayList<>();
        if (text.length() > limits.maxBytes()) {
            problems.add(Problem.error("design.tooLarge", "the input has " + text.length()
                    + " characters, more than the limit of " + limits.maxBytes(), Location.of(source)));
            return documents;
        }
        JsonParser[] current = new JsonParser[1];
        try (JsonParser parser = factory.createParser(text)) {
            current[0] = parser;
            int index = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (documents.size() >= limits.maxDocuments()) {
                    problems.add(Problem.error("design.tooManyDocuments", "more than " + limits.maxDocuments()
                            + " documents", Location.of(source)));
                    break;
                }
                Builder builder = new Builder(parser, source, problems);
                Object root = builder.value(token, "", 0);
                // An empty document (a trailing "---") reads as null or as an empty string: nothing to keep.
                if (root != null && !"".equals(root)) {
                    documents.add(new LocatedDocument(root, builder.positions, source, index));
                }
                index++;
            }
        } catch (RefusedAlias e) {
            problems.add(Problem.error(e.code, e.getMessage(), e.location));
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            if ((where == null || where.getLineNr() <= 0) && current[0] != null) {
                // Limits (nesting depth, say) are reported without a position: where the parser stood is the place.
                where = current[0].currentLocation();
            }
            Location location = where == null || where.getLineNr() <= 0 ? Location.of(source)
                    : new Location(source, where.getLineNr(), where.getColumnNr(), null);
            problems.add(Problem.error("design.syntax", "not valid YAML: " + e.getOriginalMessage(), location));
        } catch (IOException e) {
            problems.add(Problem.error("design.unreadable", "cannot read: " + e.getMessage(), Location.of(source)));
        }
        return documents;
    }

    /** Builds one document's values; anchors are per document, as in YAML. */
    private final class Builder {
        private final JsonParser parser;
        private final String source;
        private final List<Problem> problems;
        private final Map<String, int[]> positions = new HashMap<>();
        private final Map<String, Object> anchors = new HashMap<>();
        private long expanded;

        Builder(JsonParser parser, String source, List<Problem> problems) {
            this.parser = parser;
            this.source = source;
            this.problems = problems;
        }

        Object value(JsonToken token, String path, int depth) throws IOException {
            JsonLocation where = parser.currentTokenLocation();
            positions.put(path, new int[] {where.getLineNr(), where.getColumnNr()});
            String anchor = parser.getObjectId() instanceof String name ? name : null;
            Object value = switch (token) {
                case START_OBJECT -> mapping(path, depth);
                case START_ARRAY -> sequence(path, depth);
                case VALUE_STRING -> isAlias() ? expand(parser.getText(), where, path) : parser.getText();
                case VALUE_NUMBER_INT -> integer();
                case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> null;
                default -> parser.getText();
            };
            if (anchor != null) {
                anchors.put(anchor, value);
            }
            return value;
        }

        private boolean isAlias() {
            return parser instanceof YAMLParser yaml && yaml.isCurrentAlias();
        }

        private Object integer() throws IOException {
            return switch (parser.getNumberType()) {
                case INT -> parser.getIntValue();
                case LONG -> parser.getLongValue();
                default -> parser.getBigIntegerValue();
            };
        }

        private Map<String, Object> mapping(String path, int depth) throws IOException {
            Map<String, Object> map = new LinkedHashMap<>();
            List<Object> merges = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonLocation keyAt = parser.currentTokenLocation();
                String childPath = FieldPath.child(path, key);
                Object child = value(parser.nextToken(), childPath, depth + 1);
                if ("<<".equals(key)) {
                    merges.add(child);
                    continue;
                }
                if (map.containsKey(key)) {
                    problems.add(Problem.warning("design.duplicateKey", "key " + key + " appears more than once in this "
                            + "mapping; the last one wins", new Location(source, keyAt.getLineNr(), keyAt.getColumnNr(), childPath)));
                }
                map.put(key, child);
            }
            if (token != JsonToken.END_OBJECT) {
                throw new IOException("unexpected " + token + " in a mapping");
            }
            for (Object merge : merges) {
                mergeInto(map, merge);
            }
            return map;
        }

        @SuppressWarnings("unchecked")
        private void mergeInto(Map<String, Object> map, Object merge) {
            if (merge instanceof Map<?, ?> from) {
                ((Map<String, Object>) from).forEach(map::putIfAbsent);
            } else if (merge instanceof List<?> list) {
                list.forEach(item -> mergeInto(map, item));
            }
        }

        private List<Object> sequence(String path, int depth) throws IOException {
            List<Object> list = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new IOException("unterminated sequence");
                }
                list.add(value(token, FieldPath.index(path, list.size()), depth + 1));
            }
            return list;
        }

        private Object expand(String anchor, JsonLocation where, String path) {
            if (!anchors.containsKey(anchor)) {
                throw new RefusedAlias("design.alias", "alias *" + anchor + " names no anchor defined before it",
                        new Location(source, where.getLineNr(), where.getColumnNr(), path));
            }
            return copy(anchors.get(anchor), where, path);
        }

        /** A deep copy, so objects built from one anchor never share (and mutate) each other's maps. */
        private Object copy(Object value, JsonLocation where, String path) {
            if (++expanded > limits.maxAliasExpansion()) {
                throw new RefusedAlias("design.aliasBomb", "YAML aliases expand to more than " + limits.maxAliasExpansion()
                        + " nodes; refusing (an alias bomb?)", new Location(source, where.getLineNr(), where.getColumnNr(), path));
            }
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put((String) k, copy(v, where, path)));
                return copy;
            }
            if (value instanceof List<?> list) {
                List<Object> copy = new ArrayList<>(list.size());
                list.forEach(v -> copy.add(copy(v, where, path)));
                return copy;
            }
            return value;
        }
    }

    /** Stops reading: an alias names nothing, or aliases expand beyond the budget. */
    private static final class RefusedAlias extends RuntimeException {
        final String code;
        final transient Location location;

        RefusedAlias(String code, String message, Location location) {
            super(message);
            this.code = code;
            this.location = location;
        }
    }
}
