package io.meshwright.engine.cluster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwright.spi.model.Gvk;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The definitions of an OpenAPI v2 document ({@code /openapi/v2}; a 1.20 server has no v3), indexed by the
 * kinds they declare ({@code x-kubernetes-group-version-kind}). Parsing streams the document and keeps only
 * the definitions asked for: with hundreds of CRDs installed, most of it describes custom resources, whose
 * schemas come from the CRDs themselves.
 */
final class OpenApiDefinitions {

    private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {};

    private final Map<String, Map<String, Object>> definitions;
    private final Map<Gvk, String> byGvk = new HashMap<>();

    private OpenApiDefinitions(Map<String, Map<String, Object>> definitions) {
        this.definitions = definitions;
        definitions.forEach((name, definition) -> {
            for (Map<String, Object> gvk : ObjectTree.maps(definition, "x-kubernetes-group-version-kind")) {
                byGvk.put(new Gvk(String.valueOf(gvk.getOrDefault("group", "")), String.valueOf(gvk.get("version")),
                        String.valueOf(gvk.get("kind"))), name);
            }
        });
    }

    /** Reads the {@code definitions} of {@code document} whose names {@code keep} accepts. */
    static OpenApiDefinitions parse(String document, ObjectMapper json, Predicate<String> keep) {
        Map<String, Map<String, Object>> kept = new LinkedHashMap<>();
        try (JsonParser parser = json.getFactory().createParser(document)) {
            parser.setCodec(json);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("the OpenAPI document is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (!"definitions".equals(field)) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    if (keep.test(name)) {
                        kept.put(name, parser.readValueAs(TREE));
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the OpenAPI document cannot be read: " + e.getMessage(), e);
        }
        return new OpenApiDefinitions(kept);
    }

    /**
     * A self-contained JSON Schema for {@code gvk}: a {@code $ref} to its definition plus every definition it
     * reaches, so that recursive types stay finite.
     */
    Optional<Map<String, Object>> schema(Gvk gvk) {
        String root = byGvk.get(gvk);
        if (root == null) {
            return Optional.empty();
        }
        Map<String, Object> closure = new LinkedHashMap<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (closure.containsKey(name) || !definitions.containsKey(name)) {
                continue;
            }
            Map<String, Object> definition = definitions.get(name);
            closure.put(name, definition);
            collectRefs(definition, todo);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$ref", "#/definitions/" + root);
        schema.put("definitions", closure);
        return Optional.of(schema);
    }

    private static void collectRefs(Object node, Deque<String> todo) {
        if (node instanceof Map<?, ?> map) {
            Object ref = map.get("$ref");
            if (ref instanceof String text && text.startsWith("#/definitions/")) {
                todo.add(text.substring("#/definitions/".length()));
            }
            map.values().forEach(value -> collectRefs(value, todo));
        } else if (node instanceof Iterable<?> list) {
            list.forEach(value -> collectRefs(value, todo));
        }
    }
}
