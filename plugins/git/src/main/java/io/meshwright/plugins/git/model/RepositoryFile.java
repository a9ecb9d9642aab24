package io.meshwright.plugins.git.model;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a file of a model repository is: Kubernetes manifests (its first document has {@code apiVersion} and
 * {@code kind}; the CRDs among them count), or a file in one of the registry's import formats (anything else the
 * registry's import then validates), or unreadable.
 */
sealed interface RepositoryFile {

    ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    record Manifests(List<Map<String, Object>> crds) implements RepositoryFile {}

    record ImportFormat() implements RepositoryFile {}

    record Unreadable(String reason) implements RepositoryFile {}

    @SuppressWarnings("unchecked")
    static RepositoryFile classify(byte[] content) {
        List<Map<String, Object>> crds = new ArrayList<>();
        boolean first = true;
        try (MappingIterator<Object> documents = YAML.readerFor(Object.class).readValues(content)) {
            while (documents.hasNextValue()) {
                Object value = documents.nextValue();
                if (!(value instanceof Map<?, ?> map)) {
                    continue;
                }
                if (first && !(map.get("apiVersion") instanceof String && map.get("kind") instanceof String)) {
                    return new ImportFormat();
                }
                first = false;
                if ("CustomResourceDefinition".equals(map.get("kind"))
                        && String.valueOf(map.get("apiVersion")).startsWith("apiextensions.k8s.io/")) {
                    crds.add((Map<String, Object>) map);
                }
            }
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            int newline = message.indexOf('\n');
            return new Unreadable(newline < 0 ? message : message.substring(0, newline));
        }
        return new Manifests(crds);
    }
}
