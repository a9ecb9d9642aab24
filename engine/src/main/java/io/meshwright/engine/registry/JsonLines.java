package io.meshwright.engine.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import io.meshwright.engine.registry.ImportReport.Rejection;
import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds where a field path ({@code components[1].component.kind}) sits in a JSON text, so a schema problem
 * can name the line and column, not only the field. Used only for rejected entities, so it re-reads the text.
 * A field that is missing (a required property) is located at the nearest enclosing value that exists.
 */
final class JsonLines {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonLines() {}

    /** Adds line and column to problems that name a field of a JSON file but no line yet. */
    static List<Rejection> locateAll(List<Rejection> rejected, List<InputFile> files) {
        Map<String, InputFile> bySource = new HashMap<>();
        files.stream().filter(file -> file.lowerName().endsWith(".json")).forEach(file -> bySource.put(file.source(), file));
        List<Rejection> located = new ArrayList<>(rejected.size());
        for (Rejection rejection : rejected) {
            List<Problem> problems = new ArrayList<>();
            for (Problem problem : rejection.problems()) {
                Location at = problem.location();
                InputFile file = bySource.get(at.source());
                if (file != null && at.field() != null && at.line() <= 1) {
                    String text = new String(file.content(), java.nio.charset.StandardCharsets.UTF_8);
                    problems.add(JsonLines.locate(text, at.field())
                            .map(lc -> new Problem(problem.severity(), problem.code(), problem.message(),
                                    new Location(at.source(), lc[0], lc[1], at.field())))
                            .orElse(problem));
                } else {
                    problems.add(problem);
                }
            }
            located.add(new Rejection(rejection.kind(), rejection.name(), problems));
        }
        return located;
    }

    /** Line and column (1-based) of {@code fieldPath} in {@code text}, or of its nearest existing parent. */
    static Optional<int[]> locate(String text, String fieldPath) {
        String pointer = pointer(fieldPath);
        while (true) {
            Optional<int[]> found = find(text, pointer);
            if (found.isPresent() || pointer.isEmpty()) {
                return found;
            }
            pointer = pointer.substring(0, pointer.lastIndexOf('/'));
        }
    }

    private static Optional<int[]> find(String text, String pointer) {
        JsonPointer target = JsonPointer.compile(pointer);
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY
                        && parser.getParsingContext().pathAsPointer().equals(target)) {
                    JsonLocation at = parser.currentTokenLocation();
                    return Optional.of(new int[] {at.getLineNr(), at.getColumnNr()});
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** {@code a.b[2].c} → {@code /a/b/2/c}. Dots inside names are not expected in the registry's field paths. */
    static String pointer(String fieldPath) {
        if (fieldPath == null || fieldPath.isEmpty()) {
            return "";
        }
        StringBuilder pointer = new StringBuilder();
        for (String part : fieldPath.replace("[", ".").replace("]", "").split("\\.")) {
            if (!part.isEmpty()) {
                pointer.append('/').append(part.replace("~", "~0").replace("/", "~1"));
            }
        }
        return pointer.toString();
    }
}
