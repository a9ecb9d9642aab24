package io.meshwright.plugins.git.deploy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshwright.plugins.git.repo.Snapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects in a snapshot's files: every YAML document (or JSON file) that is an object, with
 * {@code kind: List} expanded; empty documents are skipped. Anything else that is not an object (no
 * {@code apiVersion}, {@code kind} or {@code metadata.name}) is an error naming the file and the document.
 */
final class Manifests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** An object with the file it came from, for messages. */
    record Manifest(Map<String, Object> object, String source) {}

    /** What is wrong with a file of the repository, e.g. {@code URL@sha:deploy/a.yaml (document 2): …}. */
    static final class BadManifest extends RuntimeException {
        BadManifest(String message) {
            super(message);
        }
    }

    private Manifests() {}

    static List<Manifest> of(Snapshot snapshot) {
        return of(snapshot, ParsedFiles.none());
    }

    /** The same, taking files whose blob {@code parsed} holds from it instead of parsing them again. */
    static List<Manifest> of(Snapshot snapshot, ParsedFiles parsed) {
        List<Manifest> manifests = new ArrayList<>();
        snapshot.files().forEach((path, content) -> {
            String source = snapshot.describe(path);
            List<Object> documents = parsed.documents(snapshot.blobs().get(path), () -> parse(content, source));
            for (int document = 1; document <= documents.size(); document++) {
                Object value = documents.get(document - 1);
                if (value != null) {
                    add(value, source + " (document " + document + ")", manifests);
                }
            }
        });
        return manifests;
    }

    /** Every YAML document of a file, {@code null} for an empty one (so documents keep their numbers). */
    private static List<Object> parse(byte[] content, String source) {
        List<Object> documents = new ArrayList<>();
        int document = 0;
        try (MappingIterator<Object> values = YAML.readerFor(Object.class).readValues(content)) {
            while (values.hasNextValue()) {
                document++;
                documents.add(values.nextValue());
            }
        } catch (IOException | RuntimeException e) {
            throw new BadManifest(source + " (document " + Math.max(document, 1) + ") is not valid YAML: "
                    + firstLine(e.getMessage()));
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static void add(Object value, String source, List<Manifest> into) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new BadManifest(source + " is not a Kubernetes object (a mapping with apiVersion, kind and metadata.name)");
        }
        Map<String, Object> object = new LinkedHashMap<>((Map<String, Object>) map);
        if ("List".equals(object.get("kind")) && object.get("items") instanceof List<?> items) {
            for (Object item : items) {
                add(item, source, into);
            }
            return;
        }
        String missing = !(object.get("apiVersion") instanceof String) ? "apiVersion"
                : !(object.get("kind") instanceof String) ? "kind"
                : !(object.get("metadata") instanceof Map<?, ?> metadata) || !(metadata.get("name") instanceof String) ? "metadata.name"
                : null;
        if (missing != null) {
            throw new BadManifest(source + " has no " + missing + (missing.equals("metadata.name")
                    && object.get("metadata") instanceof Map<?, ?> m && m.containsKey("generateName")
                    ? " (generateName is not supported: an object must be found again by name to be updated or pruned)" : ""));
        }
        object.put("metadata", new LinkedHashMap<>((Map<String, Object>) object.get("metadata")));
        into.add(new Manifest(object, source));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
