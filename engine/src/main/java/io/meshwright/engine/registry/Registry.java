package io.meshwright.engine.registry;

import io.meshwright.engine.store.Database;
import io.meshwright.engine.store.Migration;
import io.meshwright.spi.extension.RegistryView;
import io.meshwright.spi.model.ModelRef;
import io.meshwright.spi.model.ModelStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.sql.PreparedStatement;
import java.util.Locale;
import io.meshwright.engine.fetch.FetchException;
import io.meshwright.engine.fetch.UrlFetcher;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import io.meshwright.spi.extension.GenerationResult;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.SourceFile;
import java.util.Objects;
import java.util.Optional;

/**
 * The model registry: import, export, list/search/view, status change and delete of models with their
 * component and relationship definitions, stored in the engine's SQLite database.
 *
 * <p>Open the {@link Database} with {@link #migrations()} among its migrations, then construct one
 * {@code Registry} per database. Thread-safe: writes are serialised by the database, reads run concurrently.
 *
 * <p>Keys are derived from content, so importing the same package twice stores nothing new and reports every
 * entity unchanged; a changed document replaces the stored one in place and is reported as updated.
 */
public final class Registry {

    private final Database database;
    private final UrlFetcher fetcher;
    private final Clock clock;
    private final ImportLimits defaultLimits;
    private final Json json = new Json();
    private final SchemaCatalog catalog = new SchemaCatalog(json.mapper());
    private final RegistryReads reads;
    private final StoreRegistryView view;
    private final ComponentSearch componentSearch;

    public Registry(Database database, Clock clock) {
        this(database, clock, ImportLimits.defaults());
    }

    public Registry(Database database, Clock clock, ImportLimits defaultLimits) {
        this(database, clock, defaultLimits, new UrlFetcher(UrlFetcher.Settings.defaults().withMaxBytes(defaultLimits.maxFileBytes())));
    }

    /** @param fetcher fetches {@link #importUrl} URLs (the engine's one size-capped, address-checked fetcher) */
    public Registry(Database database, Clock clock, ImportLimits defaultLimits, UrlFetcher fetcher) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultLimits = Objects.requireNonNull(defaultLimits, "defaultLimits");
        this.reads = new RegistryReads(database);
        this.componentSearch = new ComponentSearch(database);
        this.view = new StoreRegistryView(this, database, json.mapper());
    }

    /** The limits used when a caller has no opinion (e.g. {@link ImportOptions#defaults()}). */
    public ImportLimits defaultLimits() {
        return defaultLimits;
    }

    /** The registry's tables (feature {@code registry}); pass them to {@link Database#open}. */
    public static List<Migration> migrations() {
        return RegistrySchema.MIGRATIONS;
    }

    /**
     * Parses {@code NAME} or {@code NAME@VERSION} (the version may be the upstream version, e.g. {@code v1.4.3},
     * or the definition version, e.g. {@code v1.0.0}).
     */
    public static ModelRef parseRef(String nameAtVersion) {
        String text = Objects.requireNonNull(nameAtVersion, "nameAtVersion").strip();
        int at = text.lastIndexOf('@');
        if (at <= 0) {
            return ModelRef.any(text);
        }
        String version = text.substring(at + 1);
        return new ModelRef(text.substring(0, at), version.isEmpty() ? null : version);
    }

    /**
     * Imports a model package directory, a single {@code .json}/{@code .yaml} file, a {@code .tar.gz}/{@code .tgz}/
     * {@code .tar}/{@code .zip} bundle, an OCI image layout (directory or tar) or a CSV file / directory of CSVs.
     *
     * @throws RegistryException when {@code path} does not exist or cannot be read at all
     */
    public ImportReport importPath(Path path, ImportOptions options) {
        if (!Files.exists(path)) {
            throw new RegistryException("nothing to import at " + path + ": no such file or directory");
        }
        ExpansionBudget budget = new ExpansionBudget(options.limits());
        try {
            return newImport().run(path.toString(), new InputReader(json.mapper()).read(path, budget), List.of(), options);
        } catch (InputRejectedException e) {
            return refused(path.toString(), e, options);
        } catch (IOException e) {
            throw new RegistryException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Imports uploaded content. {@code name} is the file name it had (its extension picks the format; archives
     * are also recognised by their first bytes).
     */
    public ImportReport importBytes(String name, byte[] content, ImportOptions options) {
        ExpansionBudget budget = new ExpansionBudget(options.limits());
        try {
            return newImport().run(name, new InputReader(json.mapper()).read(name, content, budget), List.of(), options);
        } catch (InputRejectedException e) {
            return refused(name, e, options);
        } catch (IOException e) {
            return refused(name, new InputRejectedException(io.meshwright.spi.Problem.error("archive.corrupt",
                    "unreadable archive: " + e.getMessage(), io.meshwright.spi.Location.of(name))), options);
        }
    }

    /**
     * Imports the example models shipped with the engine ({@code kubernetes} v1.30.0: Namespace, ServiceAccount,
     * ConfigMap, Secret, Service, PersistentVolumeClaim, Deployment, Role, RoleBinding, CustomResourceDefinition;
     * {@code example-certs} v0.3.0: Issuer, ClusterIssuer, Certificate). Idempotent like every import.
     */
    public ImportReport importExamples(ImportOptions options) {
        return importFiles("bundled examples", BundledExamples.files(), options);
    }

    /**
     * Downloads {@code url} through the registry's {@link UrlFetcher} (http or https, public addresses unless the
     * engine allows private ones, at most {@link ImportLimits#maxFileBytes()}) and imports it.
     *
     * @throws FetchException when the URL is refused or cannot be fetched
     */
    public ImportReport importUrl(URI url, ImportOptions options) {
        return importBytes(url.getPath() == null || url.getPath().isEmpty() ? url.toString() : url.getPath(),
                fetcher.fetch(url, options.limits().maxFileBytes()), options);
    }

    /**
     * Writes {@code ref}'s model, components and relationships to {@code out} in {@code format}.
     *
     * @throws ModelNotFoundException when no model matches
     */
    public void export(ModelRef ref, ExportFormat format, OutputStream out) {
        ModelDetail detail = model(ref).orElseThrow(() -> new ModelNotFoundException(ref));
        try {
            new Export(json.mapper()).write(detail, format, out);
        } catch (IOException e) {
            throw new RegistryException("export of " + ref + " failed: " + e.getMessage(), e);
        }
    }

    /** Models matching {@code query}, ordered by name then upstream version (newest first). */
    public Page<ModelSummary> models(ModelQuery query) {
        return reads.models(query);
    }

    /** Component definitions matching {@code query}, ordered by kind, model, apiVersion. */
    public Page<ComponentSummary> components(ComponentQuery query) {
        return componentSearch.search(query);
    }

    /** Relationship definitions matching {@code query}. */
    public Page<RelationshipSummary> relationships(RelationshipQuery query) {
        return reads.relationships(query);
    }

    /** The model {@code ref} names (newest upstream version when no version is given) with all it owns. */
    public Optional<ModelDetail> model(ModelRef ref) {
        return reads.detail(ref);
    }

    /**
     * Enables or ignores a model (an ignored model stays stored but resolves nothing).
     *
     * @throws ModelNotFoundException when no model matches
     */
    public ModelSummary setStatus(ModelRef ref, ModelStatus status) {
        ModelSummary summary = database.write(c -> {
            long id = reads.resolve(c, ref).orElseThrow(() -> new ModelNotFoundException(ref));
            try (PreparedStatement update = c.prepareStatement("UPDATE registry_model SET status = ?, updated_at = ? WHERE id = ?")) {
                UnitWriter.bind(update, status.name().toLowerCase(Locale.ROOT), clock.instant().toString(), id);
                update.executeUpdate();
            }
            return reads.model(c, id).orElseThrow();
        });
        componentSearch.invalidate();
        return summary;
    }

    /**
     * Deletes a model with its component and relationship definitions, in one transaction.
     *
     * @throws ModelNotFoundException when no model matches
     */
    public DeleteResult delete(ModelRef ref) {
        DeleteResult deleted = database.write(c -> {
            long id = reads.resolve(c, ref).orElseThrow(() -> new ModelNotFoundException(ref));
            ModelSummary summary = reads.model(c, id).orElseThrow();
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM registry_model WHERE id = ?")) {
                delete.setLong(1, id);
                delete.executeUpdate();
            }
            return new DeleteResult(summary, summary.components(), summary.relationships());
        });
        componentSearch.invalidate();
        return deleted;
    }

    /**
     * The files at {@code path} (a folder, or one file; archives and OCI image layouts unpacked), as a
     * {@link io.meshwright.spi.extension.ModelSource} hands them over, read with the same limits as an import.
     *
     * @throws RegistryException when {@code path} does not exist or the input is refused as a whole (a hostile
     *                           or corrupt archive, a file over the limit), naming where
     */
    public List<SourceFile> readFiles(Path path, ImportLimits limits) {
        if (!Files.exists(path)) {
            throw new RegistryException("nothing to read at " + path + ": no such file or directory");
        }
        try {
            return sourceFiles(new InputReader(json.mapper()).read(path, new ExpansionBudget(limits)));
        } catch (InputRejectedException e) {
            throw new RegistryException(e.problem().location() + ": " + e.problem().message());
        } catch (IOException e) {
            throw new RegistryException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #readFiles(Path, ImportLimits)}, for content named {@code name} (its extension picks the format). */
    public List<SourceFile> readFiles(String name, byte[] content, ImportLimits limits) {
        try {
            return sourceFiles(new InputReader(json.mapper()).read(name, content, new ExpansionBudget(limits)));
        } catch (InputRejectedException e) {
            throw new RegistryException(e.problem().location() + ": " + e.problem().message());
        } catch (IOException e) {
            throw new RegistryException("unreadable archive " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Downloads {@code url} through the engine's one fetcher (http or https, addresses checked on every redirect),
     * refusing more than {@code limits.maxFileBytes()}.
     */
    public byte[] fetch(URI url, ImportLimits limits) {
        return fetcher.fetch(url, limits.maxFileBytes());
    }

    /**
     * Registers what a model source generated, as one import: its files as {@code model import} reads them, its
     * model records under {@code registrant} (unless a model names its own), and its per-entity problems as
     * rejections.
     */
    public ImportReport importGenerated(String source, GenerationResult result, String registrant, ImportOptions options) {
        List<InputFile> files = new ArrayList<>();
        result.files().forEach(file -> files.add(new InputFile(file.path(), file.source(), file.content())));
        List<ModelBundle> models = result.models();
        for (int i = 0; i < models.size(); i++) {
            ModelBundle bundle = models.get(i);
            String owner = bundle.model().registrant() == null || bundle.model().registrant().isBlank()
                    ? registrant : bundle.model().registrant();
            // One folder per record, so that no loose file of the source is taken for one of its definitions.
            files.add(view.bundleFile(bundle, owner, "generated-" + i + "/" + bundle.model().name() + ".json"));
        }
        List<ImportReport.Rejection> problems = result.problems().stream()
                .map(problem -> new ImportReport.Rejection(EntityKind.FILE, problem.location().toString(), List.of(problem)))
                .toList();
        return newImport().run(source, files, problems, options);
    }

    private static List<SourceFile> sourceFiles(List<InputFile> files) {
        return files.stream().map(file -> new SourceFile(file.path(), file.source(), file.content())).toList();
    }

    private Import newImport() {
        return new Import(database, clock, json, catalog, name -> reads.storedModelDocuments(name, json.mapper()),
                componentSearch::invalidate);
    }

    /** Registers already-parsed files (the SPI's path): same validation, keys and transactions as an import. */
    ImportReport importFiles(String source, List<InputFile> files, ImportOptions options) {
        return newImport().run(source, files, List.of(), options);
    }

    private static ImportReport refused(String source, InputRejectedException e, ImportOptions options) {
        return new ImportReport(source, options.dryRun(), List.of(), List.of(), List.of(),
                List.of(new ImportReport.Rejection(EntityKind.FILE, source, List.of(e.problem()))));
    }

    /** The SPI view handed to plugins; registers through the same validation and keys as imports. */
    public RegistryView view() {
        return view;
    }
}
