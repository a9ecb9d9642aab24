package io.meshwright.engine.registry;

import io.meshwright.engine.store.Database;
import io.meshwright.engine.store.Migration;
import io.meshwright.spi.extension.RegistryView;
import io.meshwright.spi.model.ModelRef;
import io.meshwright.spi.model.ModelStatus;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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
    private final Clock clock;
    private final ImportLimits defaultLimits;

    public Registry(Database database, Clock clock) {
        this(database, clock, ImportLimits.defaults());
    }

    public Registry(Database database, Clock clock, ImportLimits defaultLimits) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultLimits = Objects.requireNonNull(defaultLimits, "defaultLimits");
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
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Imports uploaded content. {@code name} is the file name it had (its extension picks the format; archives
     * are also recognised by their first bytes).
     */
    public ImportReport importBytes(String name, byte[] content, ImportOptions options) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Downloads {@code url} (http, https or file), at most {@link ImportLimits#maxFileBytes()}, and imports it. */
    public ImportReport importUrl(URI url, ImportOptions options) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Writes {@code ref}'s model, components and relationships to {@code out} in {@code format}.
     *
     * @throws ModelNotFoundException when no model matches
     */
    public void export(ModelRef ref, ExportFormat format, OutputStream out) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Models matching {@code query}, ordered by name then upstream version (newest first). */
    public Page<ModelSummary> models(ModelQuery query) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Component definitions matching {@code query}, ordered by kind, model, apiVersion. */
    public Page<ComponentSummary> components(ComponentQuery query) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Relationship definitions matching {@code query}. */
    public Page<RelationshipSummary> relationships(RelationshipQuery query) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The model {@code ref} names (newest upstream version when no version is given) with all it owns. */
    public Optional<ModelDetail> model(ModelRef ref) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Enables or ignores a model (an ignored model stays stored but resolves nothing).
     *
     * @throws ModelNotFoundException when no model matches
     */
    public ModelSummary setStatus(ModelRef ref, ModelStatus status) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Deletes a model with its component and relationship definitions, in one transaction.
     *
     * @throws ModelNotFoundException when no model matches
     */
    public DeleteResult delete(ModelRef ref) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The SPI view handed to plugins; registers through the same validation and keys as imports. */
    public RegistryView view() {
        throw new UnsupportedOperationException("not yet");
    }
}
