package io.meshwright.engine.design;

import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import io.meshwright.spi.design.Design;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a design from text, a file or bytes, recognising its format by its content: a v1beta1 design
 * ({@code schemaVersion: designs.meshery.io/…}), the older {@code services:} pattern, plain multi-document
 * Kubernetes manifests, or (bytes only) an image tarball holding a design file.
 *
 * <p>Never throws on bad input: the result carries every problem, each located by file, line, column and field
 * path. Thread-safe; one instance can serve the whole engine.
 */
public final class DesignParser {

    private final YamlLimits limits;
    private final LocatedYamlReader yaml;
    private final BuiltinKinds builtins;

    public DesignParser() {
        this(YamlLimits.defaults(), BuiltinKinds.load());
    }

    public DesignParser(YamlLimits limits, BuiltinKinds builtins) {
        this.limits = limits;
        this.yaml = new LocatedYamlReader(limits);
        this.builtins = builtins;
    }

    /** Parses a file; a tarball (or gzipped tarball) is read as an image holding a design. */
    public DesignParseResult parse(Path file) {
        String source = file.toString();
        try {
            if (Files.size(file) > limits.maxBytes()) {
                return failed(source, "", Problem.error("design.tooLarge", "the file has " + Files.size(file)
                        + " bytes, more than the limit of " + limits.maxBytes(), Location.of(source)));
            }
            try (InputStream in = Files.newInputStream(file)) {
                return parse(OciDesignArchive.readBounded(in, limits.maxBytes()), source);
            }
        } catch (IOException e) {
            return failed(source, "", Problem.error("design.unreadable", "cannot read " + file + ": " + e.getMessage(), Location.of(source)));
        }
    }

    /** Parses bytes: an image tarball (plain or gzipped) holding a design, or UTF-8 text. */
    public DesignParseResult parse(byte[] bytes, String sourceName) {
        return parse(bytes, sourceName, new DesignNaming.FromSource());
    }

    /** Parses bytes as {@link #parse(byte[], String)} does, naming the design as {@code naming} says. */
    public DesignParseResult parse(byte[] bytes, String sourceName, DesignNaming naming) {
        OciDesignArchive archive = new OciDesignArchive(limits.maxBytes());
        try {
            byte[] content = OciDesignArchive.isGzip(bytes) ? archive.gunzip(bytes) : bytes;
            if (OciDesignArchive.isTar(content)) {
                Optional<OciDesignArchive.Entry> entry = archive.design(content);
                if (entry.isEmpty()) {
                    return failed(sourceName, "", Problem.error("design.oci.noDesign",
                            "the archive holds no design file (expected a .yml, .yaml or .json file in an image layer)",
                            Location.of(sourceName)));
                }
                String inner = sourceName + "!" + entry.get().name();
                Utf8.Decoded text = Utf8.decode(entry.get().content(), inner);
                return text.problem() != null ? failed(inner, "", text.problem()) : parse(text.text(), inner, naming);
            }
            Utf8.Decoded decoded = Utf8.decode(content, sourceName);
            if (decoded.problem() != null) {
                return failed(sourceName, "", decoded.problem());
            }
            return parse(decoded.text(), sourceName, naming);
        } catch (IOException e) {
            return failed(sourceName, "", Problem.error("design.unreadable", "cannot unpack: " + e.getMessage(), Location.of(sourceName)));
        }
    }

    /** Parses design text (YAML or JSON); an unnamed design is named after {@code sourceName}'s file name. */
    public DesignParseResult parse(String text, String sourceName) {
        return parse(text, sourceName, new DesignNaming.FromSource());
    }

    /** Parses design text (YAML or JSON), naming the design as {@code naming} says. */
    public DesignParseResult parse(String text, String sourceName, DesignNaming naming) {
        List<Problem> problems = new ArrayList<>();
        List<LocatedDocument> documents = yaml.read(text, sourceName, problems);
        if (problems.stream().anyMatch(Problem::isError) && documents.isEmpty()) {
            return new DesignParseResult(Optional.empty(), problems, null, text, DesignSourceMap.none(sourceName));
        }
        if (documents.isEmpty()) {
            problems.add(Problem.error("design.empty", "expected a design or Kubernetes objects, but the input is empty",
                    Location.of(sourceName)));
            return new DesignParseResult(Optional.empty(), problems, null, text, DesignSourceMap.none(sourceName));
        }
        LocatedDocument first = documents.get(0);
        DesignFormat format = detect(first.root());
        if (format == null) {
            problems.add(Problem.error("design.format", "expected a design (schemaVersion: designs.meshery.io/v1beta1, "
                    + "or services:) or Kubernetes objects (apiVersion and kind), but found none of these", first.locate("")));
            return new DesignParseResult(Optional.empty(), problems, null, text, DesignSourceMap.none(sourceName));
        }
        DesignDraft draft = switch (format) {
            case V1BETA1 -> single(documents, problems, f -> new V1beta1Reader(builtins).read(f, rootMap(first)));
            case SERVICES -> single(documents, problems, f -> new ServicesReader(builtins).read(f, rootMap(first)));
            case MANIFESTS -> manifests(documents, problems);
        };
        draft = named(draft, naming, sourceName, problems);
        if (format == DesignFormat.V1BETA1) {
            checkSchemaVersion(new Fields(first, problems), rootMap(first));
        }
        Design design = new DesignAssembler(builtins).assemble(draft, sourceName, text.contains("$(#ref."), problems);
        return new DesignParseResult(Optional.of(design), problems, format, text, sourceMap(draft, sourceName));
    }

    private static DesignFormat detect(Object root) {
        if (!(root instanceof Map<?, ?> map)) {
            return null;
        }
        if (map.get("schemaVersion") instanceof String version && version.startsWith("designs.meshery.io/")) {
            return DesignFormat.V1BETA1;
        }
        if (map.containsKey("services") && !map.containsKey("kind")) {
            return DesignFormat.SERVICES;
        }
        if (map.containsKey("components") && !map.containsKey("kind")) {
            return DesignFormat.V1BETA1;
        }
        if (map.containsKey("apiVersion") || map.containsKey("kind")) {
            return DesignFormat.MANIFESTS;
        }
        return null;
    }

    private static void checkSchemaVersion(Fields fields, Map<String, Object> root) {
        Object version = root.get("schemaVersion");
        if (version == null) {
            fields.warning("design.schemaVersion", "the design has no schemaVersion; read as designs.meshery.io/v1beta1", "");
        } else if (!"designs.meshery.io/v1beta1".equals(version)) {
            fields.warning("design.schemaVersion", "expected schemaVersion designs.meshery.io/v1beta1, but was " + version
                    + "; read with the v1beta1 rules", "schemaVersion");
        }
    }

    private static DesignDraft single(List<LocatedDocument> documents, List<Problem> problems,
                                      java.util.function.Function<Fields, DesignDraft> reader) {
        if (documents.size() > 1) {
            problems.add(Problem.warning("design.extraDocuments", "a design file holds one document; "
                    + (documents.size() - 1) + " more were ignored", documents.get(1).locate("")));
        }
        return reader.apply(new Fields(documents.get(0), problems));
    }

    private DesignDraft manifests(List<LocatedDocument> documents, List<Problem> problems) {
        ManifestReader reader = new ManifestReader(builtins);
        List<ComponentDraft> components = new ArrayList<>();
        for (LocatedDocument document : documents) {
            reader.read(new Fields(document, problems), document.root(), components);
        }
        return new DesignDraft(null, null, null, components, List.of());
    }

    /** The draft under the name {@link DesignNaming} gives it; an unnamed one that may not stay so is a problem. */
    private static DesignDraft named(DesignDraft draft, DesignNaming naming, String source, List<Problem> problems) {
        String name = switch (naming) {
            case DesignNaming.Explicit explicit -> explicit.name();
            case DesignNaming.Stored stored -> stored.name();
            case DesignNaming.ByPath path -> draft.name() != null ? draft.name() : DesignNaming.nameForPath(path.absolutePath());
            case DesignNaming.FromSource fromSource -> draft.name() != null ? draft.name()
                    : source == null ? "manifests" : DesignNaming.nameForSource(source);
            case DesignNaming.Required required -> {
                if (draft.name() == null) {
                    problems.add(Problem.error("design.unnamed", "the design names itself nowhere (plain Kubernetes manifests, "
                            + "or a design without a name): name it with ?name=NAME (CLI: --name NAME), or send "
                            + "?source=<the file's absolute path> to name it after its file; it is never given a default name, "
                            + "so that two designs cannot become one deployment", Location.of(source)));
                    yield "unnamed";
                }
                yield draft.name();
            }
        };
        // An explicit name also replaces a declared id: the deployment is named after what the user chose.
        String id = switch (naming) {
            case DesignNaming.Explicit explicit -> null;
            case DesignNaming.Stored stored -> stored.id();
            default -> draft.id();
        };
        return new DesignDraft(id, name, draft.version(), draft.components(), draft.relationships(), draft.patches());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rootMap(LocatedDocument document) {
        return (Map<String, Object>) document.root();
    }

    private static DesignSourceMap sourceMap(DesignDraft draft, String source) {
        Map<String, ComponentDraft> byId = new HashMap<>();
        draft.components().forEach(c -> byId.putIfAbsent(c.id(), c));
        return (componentId, path) -> {
            ComponentDraft component = byId.get(componentId);
            if (component == null) {
                return new Location(source, 0, 0, path);
            }
            String full = path == null || path.isEmpty() ? component.configurationPath()
                    : component.configurationPath().isEmpty() || path.startsWith("[") ? component.configurationPath() + path
                    : component.configurationPath() + "." + path;
            return component.document().locate(full);
        };
    }

    private static DesignParseResult failed(String source, String text, Problem problem) {
        return new DesignParseResult(Optional.empty(), List.of(problem), null, text, DesignSourceMap.none(source));
    }
}
