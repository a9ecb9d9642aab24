package io.meshwright.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwright.engine.registry.Entities.ComponentEntity;
import io.meshwright.engine.registry.Entities.ModelEntity;
import io.meshwright.engine.registry.Entities.PackageUnit;
import io.meshwright.engine.registry.Entities.RelationshipEntity;
import io.meshwright.engine.registry.ImportReport.Entry;
import io.meshwright.engine.registry.ImportReport.Rejection;
import io.meshwright.engine.store.Database;
import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One import: files → documents → validated entities → one transaction per model with its definitions.
 * Fail-forward: every bad entity is rejected with its problems and the rest are stored.
 */
final class Import {
    private final Database database;
    private final Clock clock;
    private final Json json;
    private final SchemaCatalog catalog;
    private final EntityReader reader;
    private final Function<String, List<ParsedDocument>> storedModels;
    private final Runnable afterWrite;

    Import(Database database, Clock clock, Json json, SchemaCatalog catalog, Function<String, List<ParsedDocument>> storedModels,
           Runnable afterWrite) {
        this.afterWrite = afterWrite;
        this.database = database;
        this.clock = clock;
        this.json = json;
        this.catalog = catalog;
        this.reader = new EntityReader(json.mapper());
        this.storedModels = storedModels;
    }

    ImportReport run(String source, List<InputFile> files, List<Rejection> earlier, ImportOptions options) {
        List<Rejection> rejected = new ArrayList<>(earlier);
        DocumentParser parser = new DocumentParser(json.reader(options.limits()), options.limits());
        List<ParsedDocument> documents = new ArrayList<>();
        List<InputFile> sheets = files.stream().filter(file -> file.lowerName().endsWith(".csv")).toList();
        // Parsing is CPU-bound and independent per file: spread it over the cores (the common pool).
        List<InputFile> texts = files.stream().filter(file -> {
            String name = file.lowerName();
            return name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml");
        }).toList();
        List<DocumentParser.Result> parsed = texts.parallelStream().map(parser::parse).toList();
        for (int i = 0; i < texts.size(); i++) {
            DocumentParser.Result result = parsed.get(i);
            if (result.problem() != null) {
                rejected.add(new Rejection(EntityKind.FILE, texts.get(i).source(), List.of(result.problem())));
            }
            documents.addAll(result.documents());
        }
        if (!sheets.isEmpty()) {
            SpreadsheetReader.Result result = new SpreadsheetReader(json.mapper()).read(sheets);
            rejected.addAll(result.rejected());
            documents.addAll(result.documents());
        }
        List<PackageUnit> units = assemble(documents, rejected);
        return store(source, units, JsonLines.locateAll(rejected, texts), options.dryRun());
    }

    /** One document checked on its own: its kind, its schema problems, and a bundle's valid inline entities. */
    private record Checked(ParsedDocument document, EntityKind kind, List<Problem> problems,
                           List<ParsedDocument> components, List<ParsedDocument> relationships, List<Rejection> rejected) {}

    private Checked check(ParsedDocument document) {
        EntityKind kind = catalog.kindOf(document.node()).orElse(null);
        List<Rejection> rejected = new ArrayList<>();
        if (kind == null) {
            rejected.add(new Rejection(EntityKind.FILE, nameOf(document), List.of(catalog.unknownSchemaVersion(document.node(), document.location()))));
            return new Checked(document, null, List.of(), List.of(), List.of(), rejected);
        }
        List<Problem> problems = catalog.validate(kind, document.node(), document.location());
        if (!problems.isEmpty()) {
            rejected.add(new Rejection(kind, nameOf(document), problems));
        }
        List<ParsedDocument> components = new ArrayList<>();
        List<ParsedDocument> relationships = new ArrayList<>();
        if (kind == EntityKind.MODEL) {
            inline(document, "components", components, relationships, rejected);
            inline(document, "relationships", components, relationships, rejected);
        }
        return new Checked(document, kind, problems, components, relationships, rejected);
    }

    private List<PackageUnit> assemble(List<ParsedDocument> documents, List<Rejection> rejected) {
        List<PackageAssembler.Unit> units = new ArrayList<>();
        List<ParsedDocument> loose = new ArrayList<>();
        for (Checked checked : documents.parallelStream().map(this::check).toList()) {
            rejected.addAll(checked.rejected());
            if (checked.kind() == EntityKind.MODEL) {
                PackageAssembler.Unit unit = new PackageAssembler.Unit(checked.document(), checked.problems().isEmpty());
                unit.components.addAll(checked.components());
                unit.relationships.addAll(checked.relationships());
                units.add(unit);
            } else if (checked.kind() != null && checked.problems().isEmpty()) {
                loose.add(checked.document());
            }
        }
        PackageAssembler assembler = new PackageAssembler(units, storedModels);
        for (ParsedDocument document : loose) {
            EntityKind kind = catalog.kindOf(document.node()).orElseThrow();
            PackageAssembler.Placement placement = assembler.place(document, kind);
            if (placement.problem() != null) {
                rejected.add(new Rejection(kind, nameOf(document), List.of(placement.problem())));
                continue;
            }
            for (PackageAssembler.Unit unit : placement.units()) {
                (kind == EntityKind.COMPONENT ? unit.components : unit.relationships).add(document);
            }
        }
        return entities(assembler.units(), rejected);
    }

    /** A bundle's inline components/relationships become entities of the bundle's model. */
    private void inline(ParsedDocument model, String field, List<ParsedDocument> components, List<ParsedDocument> relationships,
                        List<Rejection> rejected) {
        JsonNode items = model.node().path(field);
        for (int i = 0; i < items.size(); i++) {
            String path = (model.location().field() == null ? "" : model.location().field() + ".") + field + "[" + i + "]";
            ParsedDocument item = new ParsedDocument(items.get(i), null, model.location().withField(path), null);
            EntityKind kind = catalog.kindOf(item.node()).orElse(null);
            if (kind == null || kind == EntityKind.MODEL) {
                rejected.add(new Rejection(EntityKind.FILE, nameOf(item), List.of(catalog.unknownSchemaVersion(item.node(), item.location()))));
                continue;
            }
            List<Problem> problems = catalog.validate(kind, item.node(), item.location());
            if (!problems.isEmpty()) {
                rejected.add(new Rejection(kind, nameOf(item), problems));
            } else {
                (kind == EntityKind.COMPONENT ? components : relationships).add(item);
            }
        }
    }

    private List<PackageUnit> entities(List<PackageAssembler.Unit> units, List<Rejection> rejected) {
        Map<String, List<PackageAssembler.Unit>> byKey = new LinkedHashMap<>();
        Map<String, ModelEntity> models = new HashMap<>();
        for (PackageAssembler.Unit unit : units) {
            if (!unit.valid) {
                String why = "its model " + nameOf(unit.model) + " was rejected (" + unit.model.location() + ")";
                unit.components.forEach(c -> rejected.add(new Rejection(EntityKind.COMPONENT, nameOf(c),
                        List.of(Problem.error("model.rejected", why, c.location())))));
                unit.relationships.forEach(r -> rejected.add(new Rejection(EntityKind.RELATIONSHIP, nameOf(r),
                        List.of(Problem.error("model.rejected", why, r.location())))));
                continue;
            }
            ModelEntity model = reader.model(unit.model);
            ModelEntity first = models.putIfAbsent(model.key(), model);
            if (first != null && !first.hash().equals(model.hash())) {
                rejected.add(new Rejection(EntityKind.MODEL, model.label(), List.of(Problem.error("entity.duplicate",
                        "another document in this import defines the same model differently (" + first.location()
                                + "); the first one is kept", model.location()))));
            }
            byKey.computeIfAbsent(model.key(), k -> new ArrayList<>()).add(unit);
        }
        // Hashing and checking each model's definitions is independent per model: spread it over the cores.
        List<Map.Entry<String, List<PackageAssembler.Unit>>> groups = List.copyOf(byKey.entrySet());
        List<Map.Entry<PackageUnit, List<Rejection>>> built = groups.parallelStream()
                .map(group -> unit(models.get(group.getKey()), group.getValue()))
                .toList();
        List<PackageUnit> result = new ArrayList<>();
        for (Map.Entry<PackageUnit, List<Rejection>> entry : built) {
            result.add(entry.getKey());
            rejected.addAll(entry.getValue());
        }
        return result;
    }

    private Map.Entry<PackageUnit, List<Rejection>> unit(ModelEntity model, List<PackageAssembler.Unit> parts) {
        PackageUnit target = new PackageUnit(model, new ArrayList<>(), new ArrayList<>());
        List<Rejection> rejected = new ArrayList<>();
        Map<String, Location> seen = new HashMap<>();
        for (PackageAssembler.Unit part : parts) {
            for (ParsedDocument document : part.components) {
                EntityReader.Read<ComponentEntity> read = reader.component(model, document);
                if (read.entity() == null) {
                    rejected.add(new Rejection(EntityKind.COMPONENT, nameOf(document), read.problems()));
                } else if (unique(seen, read.entity().key(), read.entity().location(), EntityKind.COMPONENT,
                        read.entity().label(model), rejected)) {
                    target.components().add(read.entity());
                }
            }
            for (ParsedDocument document : part.relationships) {
                RelationshipEntity entity = reader.relationship(model, document);
                if (unique(seen, entity.key(), entity.location(), EntityKind.RELATIONSHIP, entity.label(model), rejected)) {
                    target.relationships().add(entity);
                }
            }
        }
        return Map.entry(target, rejected);
    }

    private static boolean unique(Map<String, Location> seen, String key, Location location, EntityKind kind, String label,
                                  List<Rejection> rejected) {
        Location first = seen.putIfAbsent(key, location);
        if (first == null) {
            return true;
        }
        rejected.add(new Rejection(kind, label, List.of(Problem.error("entity.duplicate",
                "the same " + kind.name().toLowerCase() + " (same key) is already in this import at " + first
                        + "; only the first is kept", location))));
        return false;
    }

    /**
     * Entities written per transaction. Several small models share one commit (one fsync) for speed; a model is
     * never split across transactions, so a crash still leaves each model whole or absent.
     */
    static final int ENTITIES_PER_TRANSACTION = 2_000;

    private ImportReport store(String source, List<PackageUnit> units, List<Rejection> rejected, boolean dryRun) {
        List<Entry> created = new ArrayList<>();
        List<Entry> updated = new ArrayList<>();
        List<Entry> unchanged = new ArrayList<>();
        UnitWriter writer = new UnitWriter();
        String now = clock.instant().toString();
        for (List<PackageUnit> batch : batches(units)) {
            List<UnitWriter.Outcome> outcomes = dryRun
                    ? database.read(connection -> writer.applyAll(connection, batch, false, now))
                    : database.write(connection -> writer.applyAll(connection, batch, true, now));
            if (!dryRun) {
                afterWrite.run();
            }
            for (UnitWriter.Outcome outcome : outcomes) {
                created.addAll(outcome.created());
                updated.addAll(outcome.updated());
                unchanged.addAll(outcome.unchanged());
            }
        }
        return new ImportReport(source, dryRun, created, updated, unchanged, rejected);
    }

    /** Whole models, grouped until a group holds about {@link #ENTITIES_PER_TRANSACTION} entities. */
    private static List<List<PackageUnit>> batches(List<PackageUnit> units) {
        List<List<PackageUnit>> batches = new ArrayList<>();
        List<PackageUnit> current = new ArrayList<>();
        int size = 0;
        for (PackageUnit unit : units) {
            int entities = 1 + unit.components().size() + unit.relationships().size();
            if (!current.isEmpty() && size + entities > ENTITIES_PER_TRANSACTION) {
                batches.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(unit);
            size += entities;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    static String nameOf(ParsedDocument document) {
        JsonNode node = document.node();
        String schemaVersion = node.path("schemaVersion").asText("");
        if (schemaVersion.startsWith("models.")) {
            return node.path("name").asText("?") + "@" + node.path("model").path("version").asText("") + " (" + node.path("version").asText("") + ")";
        }
        if (schemaVersion.startsWith("components.")) {
            String apiVersion = node.path("component").path("version").asText("");
            return (apiVersion.isEmpty() ? "" : apiVersion + " ") + node.path("component").path("kind").asText("?");
        }
        if (schemaVersion.startsWith("relationships.")) {
            return node.path("kind").asText("?") + "/" + node.path("type").asText("?") + "/" + node.path("subType").asText("");
        }
        return document.location().toString();
    }
}
