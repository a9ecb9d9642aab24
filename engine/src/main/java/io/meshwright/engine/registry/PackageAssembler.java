package io.meshwright.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwright.spi.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Groups loose component and relationship documents with the model they belong to.
 *
 * <p>An entity belongs to the model in the nearest folder above it (the package layout
 * {@code <model>/<version>/<definition-version>/{model.json, components/, relationships/}}); when that folder
 * holds several models, or none is above it, the entity's embedded {@code model} (name, and version when
 * given) picks among the models of this import, then among stored ones; failing that a model is built from the
 * embedded one, as older flat layouts without {@code model.json} need.
 */
final class PackageAssembler {

    /** A model document and what was found for it. */
    static final class Unit {
        final ParsedDocument model;
        final boolean valid;
        final List<ParsedDocument> components = new ArrayList<>();
        final List<ParsedDocument> relationships = new ArrayList<>();

        Unit(ParsedDocument model, boolean valid) {
            this.model = model;
            this.valid = valid;
        }

        String name() {
            return model.node().path("name").asText();
        }

        boolean matchesVersion(String version) {
            return version == null || version.isEmpty() || version.equals("*")
                    || version.equals(model.node().path("version").asText())
                    || version.equals(model.node().path("model").path("version").asText());
        }
    }

    /** Where an entity went: a unit, or a problem. */
    record Placement(List<Unit> units, Problem problem) {}

    private final List<Unit> units;
    private final Function<String, List<ParsedDocument>> storedModels;
    private final Map<String, List<Unit>> storedUnits = new java.util.HashMap<>();

    PackageAssembler(List<Unit> units, Function<String, List<ParsedDocument>> storedModels) {
        this.units = units;
        this.storedModels = storedModels;
    }

    List<Unit> units() {
        return units;
    }

    /** The unit(s) {@code entity} belongs to. */
    Placement place(ParsedDocument entity, EntityKind kind) {
        JsonNode embedded = entity.node().path("model");
        String name = embedded.path("name").asText("");
        String version = embedded.path("model").path("version").asText("");
        for (String folder = entity.folder(); folder != null; folder = parent(folder)) {
            List<Unit> here = new ArrayList<>();
            for (Unit unit : units) {
                if (folder.equals(unit.model.folder())) {
                    here.add(unit);
                }
            }
            if (here.size() == 1) {
                return new Placement(here, null);
            }
            if (here.size() > 1) {
                break;
            }
        }
        if (!name.isEmpty()) {
            List<Unit> named = units.stream().filter(u -> u.name().equals(name) && u.matchesVersion(version)).toList();
            if (named.isEmpty()) {
                named = units.stream().filter(u -> u.name().equals(name) && version.isEmpty()).toList();
            }
            if (!named.isEmpty()) {
                return new Placement(pickNewestUnlessWildcard(named, version), null);
            }
            List<Unit> stored = storedUnits.computeIfAbsent(name, n -> storedModels.apply(n).stream()
                    .map(document -> new Unit(document, true)).toList());
            List<Unit> storedMatching = stored.stream().filter(u -> u.matchesVersion(version)).toList();
            if (!storedMatching.isEmpty()) {
                storedMatching.forEach(u -> {
                    if (!units.contains(u)) {
                        units.add(u);
                    }
                });
                return new Placement(storedMatching, null);
            }
            if (embedded.has("version") && kind == EntityKind.COMPONENT) {
                Unit synthesized = new Unit(new ParsedDocument(embedded, null, entity.location().withField(
                        prefix(entity) + "model"), entity.folder() + "#model:" + name), true);
                units.add(synthesized);
                return new Placement(List.of(synthesized), null);
            }
        }
        return new Placement(List.of(), Problem.error("model.missing", "no model found for this " + kind.name().toLowerCase()
                + (name.isEmpty() ? ": put a model.json beside it or name the model in its 'model' field"
                        : ": model '" + name + (version.isEmpty() ? "" : "@" + version) + "' is neither in this import nor stored"),
                entity.location().withField(prefix(entity) + "model")));
    }

    private static List<Unit> pickNewestUnlessWildcard(List<Unit> named, String version) {
        return named.size() == 1 || "*".equals(version) || version.isEmpty() ? named : List.of(named.getFirst());
    }

    private static String prefix(ParsedDocument entity) {
        String field = entity.location().field();
        return field == null || field.isEmpty() ? "" : field + ".";
    }

    private static String parent(String folder) {
        if (folder.isEmpty()) {
            return null;
        }
        int slash = folder.lastIndexOf('/');
        return slash < 0 ? "" : folder.substring(0, slash);
    }
}
