package io.meshwright.spi.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where something comes from: a chart, a repository path at a ref, a file, a bundle, a cluster.
 *
 * <p>Users write a source as one line of text ({@code model generate --from TEXT}); {@link #parse} reads it and
 * {@link #text} writes it back in one canonical form (the engine keys fingerprints and schedules by that text):
 * <table>
 *   <caption>Source ref forms</caption>
 *   <tr><th>text</th><th>type</th><th>location</th></tr>
 *   <tr><td>{@code ./models/accurate}, {@code /data/bundle.tar.gz} (a path, no scheme)</td><td>{@code file}</td><td>the path</td></tr>
 *   <tr><td>{@code file:/data/bundle.tar.gz}, {@code file:///data/bundle.tar.gz}</td><td>{@code file}</td><td>the path</td></tr>
 *   <tr><td>{@code https://example.com/models.tar.gz}, {@code http://…}</td><td>{@code https} / {@code http}</td><td>the whole URL</td></tr>
 *   <tr><td>{@code cluster} (or {@code cluster:})</td><td>{@code cluster}</td><td>empty: the engine's target cluster</td></tr>
 *   <tr><td>{@code discovered} (or {@code discovered:})</td><td>{@code discovered}</td><td>empty: the custom resource
 *   kinds the sync saw on the target cluster without a definition</td></tr>
 *   <tr><td>{@code TYPE:LOCATION}, e.g. {@code helm:https://charts.jetstack.io/cert-manager},
 *       {@code git:https://github.com/org/repo}, {@code sample:Widget,Gadget}</td><td>{@code TYPE} (lower case)</td>
 *       <td>everything after the first {@code :}</td></tr>
 * </table>
 * Any form but a bare path may end in {@code #key=value&key=value}: {@code ref} and {@code path} fill
 * {@link #ref} and {@link #path}, other keys go to {@link #options}, e.g.
 * {@code git:https://github.com/meshery/meshery#ref=v0.8.0&path=server/meshmodel/accurate}. A type has at least two
 * characters, so {@code C:\models} is a path; write {@code ./cluster} for a folder named {@code cluster}.
 *
 * @param type     the kind of source: {@code file}, {@code http}, {@code https}, {@code cluster}, {@code helm},
 *                 {@code git}, {@code oci}, …
 * @param location a URL, path or chart reference; empty when the type needs none ({@code null} is taken as empty)
 * @param ref      a version, tag, branch or commit; {@code null} for the default
 * @param path     a path inside the source (a folder in a repository); {@code null} for the root
 * @param options  further source-specific settings (e.g. Helm values file, chart name), never {@code null}
 */
public record SourceRef(String type, String location, String ref, String path, Map<String, String> options) {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):(.*)$", Pattern.DOTALL);
    private static final Pattern FRAGMENT = Pattern.compile("^(.*)#([^#=&]+=[^#&]*(?:&[^#=&]+=[^#&]*)*)$", Pattern.DOTALL);

    public SourceRef {
        Objects.requireNonNull(type, "type");
        location = location == null ? "" : location;
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public static SourceRef of(String type, String location) {
        return new SourceRef(type, location, null, null, Map.of());
    }

    /**
     * Reads the text form described above.
     *
     * @throws IllegalArgumentException when {@code text} is blank
     */
    public static SourceRef parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected a source (a path, a URL, cluster, or TYPE:LOCATION), but it was empty");
        }
        String trimmed = text.strip();
        if (trimmed.equalsIgnoreCase("cluster")) {
            return of("cluster", "");
        }
        if (trimmed.equalsIgnoreCase("discovered")) {
            return of("discovered", "");
        }
        Matcher scheme = SCHEME.matcher(trimmed);
        if (!scheme.matches()) {
            return of("file", trimmed);
        }
        String type = scheme.group(1).toLowerCase(Locale.ROOT);
        String rest = scheme.group(2);
        String fragment = null;
        Matcher withFragment = FRAGMENT.matcher(rest);
        if (withFragment.matches()) {
            rest = withFragment.group(1);
            fragment = withFragment.group(2);
        }
        String location = switch (type) {
            case "http", "https" -> type + ":" + rest;
            case "file" -> filePath(rest);
            default -> rest;
        };
        Map<String, String> options = new LinkedHashMap<>();
        String ref = null;
        String path = null;
        if (fragment != null) {
            for (String pair : fragment.split("&")) {
                int equals = pair.indexOf('=');
                String key = pair.substring(0, equals);
                String value = pair.substring(equals + 1);
                switch (key) {
                    case "ref" -> ref = value;
                    case "path" -> path = value;
                    default -> options.put(key, value);
                }
            }
        }
        return new SourceRef(type, location, ref, path, options);
    }

    /** {@code file:/p}, {@code file:///p} and {@code file://localhost/p} all name {@code /p}. */
    private static String filePath(String rest) {
        if (rest.startsWith("//localhost/")) {
            return rest.substring("//localhost".length());
        }
        if (rest.startsWith("///")) {
            return rest.substring(2);
        }
        return rest;
    }

    /** The canonical text form: what {@link #parse} reads back into an equal ref. */
    public String text() {
        StringBuilder text = new StringBuilder();
        switch (type) {
            case "http", "https" -> text.append(location);
            default -> text.append(type).append(location.isEmpty() ? "" : ":" + location);
        }
        Map<String, String> fragment = new TreeMap<>(options);
        if (ref != null) {
            fragment.put("ref", ref);
        }
        if (path != null) {
            fragment.put("path", path);
        }
        if (!fragment.isEmpty()) {
            StringJoiner pairs = new StringJoiner("&", "#", "");
            fragment.forEach((key, value) -> pairs.add(key + "=" + value));
            text.append(pairs);
        }
        return text.toString();
    }
}
