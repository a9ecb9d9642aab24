package io.meshwright.engine.sync.health;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The PromQL queries per kind: the built-in list ({@code health-queries.yaml} beside this class), or an operator's
 * file of the same shape that replaces it.
 */
public record HealthQueries(List<HealthQuery> queries) {

    static final String RESOURCE = "health-queries.yaml";

    public HealthQueries {
        queries = List.copyOf(queries);
    }

    /** The queries that judge {@code kind}. */
    public List<HealthQuery> forKind(String kind) {
        return queries.stream().filter(q -> q.kind().equals(kind)).toList();
    }

    /** The built-in queries. */
    public static HealthQueries defaults() {
        try (InputStream in = HealthQueries.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the engine jar");
            }
            return parse(in.readAllBytes(), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** {@code file} when it exists, else the built-in queries. */
    public static HealthQueries fromFileOrDefaults(Path file) {
        if (!Files.isRegularFile(file)) {
            return defaults();
        }
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read health queries " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @throws IllegalArgumentException naming {@code source} and what is wrong
     */
    static HealthQueries parse(byte[] yaml, String source) {
        try {
            HealthQueries parsed = new ObjectMapper(new YAMLFactory())
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .readValue(yaml, HealthQueries.class);
            if (parsed == null || parsed.queries() == null) {
                throw new IllegalArgumentException(source + ": expected a 'queries:' list");
            }
            return parsed;
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not a list of health queries: "
                    + e.getMessage().lines().findFirst().orElse("") + " (each query needs kind, name, promql and nameLabel;"
                    + " namespaceLabel, namePattern, above and reason are optional)", e);
        }
    }
}
