package io.meshwright.engine.sources;

import io.meshwright.engine.registry.ImportOptions;
import io.meshwright.engine.registry.ImportReport;
import io.meshwright.engine.registry.Registry;
import io.meshwright.spi.extension.GenerationResult;
import io.meshwright.spi.extension.ModelSource;
import io.meshwright.spi.extension.ModelSourceException;
import io.meshwright.spi.model.SourceRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The generate action: finds the source for a ref, runs it with the fingerprint stored for that ref, and
 * registers what it produced through the registry's import. A run whose fingerprint equals the stored one
 * stores nothing and says since when the source is unchanged (also when the source did the work anyway);
 * {@link Options#force} ignores the stored fingerprint. Runs on one ref are serialised; different refs run
 * concurrently.
 */
public final class GenerateModels {

    /**
     * @param ref   the source; a relative path is resolved against the engine's working folder
     * @param force generate and register even when the stored fingerprint says the source is unchanged
     */
    public record Options(SourceRef ref, boolean force) {}

    private final ModelSources sources;
    private final Registry registry;
    private final Fingerprints fingerprints;
    private final Clock clock;
    private final Map<String, ReentrantLock> running = new ConcurrentHashMap<>();

    public GenerateModels(ModelSources sources, Registry registry, io.meshwright.engine.store.Database database, Clock clock) {
        this.sources = sources;
        this.registry = registry;
        this.fingerprints = new Fingerprints(database);
        this.clock = clock;
    }

    /** The canonical form of {@code ref}: a {@code file} ref with an absolute, normalised path. */
    public static SourceRef canonical(SourceRef ref) {
        if (!"file".equals(ref.type()) || ref.location().isBlank()) {
            return ref;
        }
        String path = Path.of(ref.location()).toAbsolutePath().normalize().toString();
        return new SourceRef(ref.type(), path, ref.ref(), ref.path(), ref.options());
    }

    /** The source that would serve {@code ref}. */
    public ModelSource sourceFor(SourceRef ref) {
        SourceRef canonical = canonical(ref);
        return sources.find(canonical).orElseThrow(() -> new UnknownSourceException(canonical.text(), hint(canonical),
                sources.installed()));
    }

    /**
     * Runs the source and registers its result.
     *
     * @throws UnknownSourceException no installed source supports the ref
     * @throws ModelSourceException   the source cannot be read as a whole (missing path, unreachable URL, …)
     * @throws SourceFailedException  the source broke its contract (threw anything else)
     */
    public GenerationRun run(Options options) {
        SourceRef ref = canonical(options.ref());
        ModelSource source = sourceFor(ref);
        String name = ModelSources.name(source);
        String key = ref.text();
        ReentrantLock lock = running.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            long start = System.nanoTime();
            Optional<Fingerprints.Stored> last = options.force() ? Optional.empty() : fingerprints.last(key);
            GenerationResult result = generate(source, name, ref, last.map(Fingerprints.Stored::fingerprint));
            if (last.isPresent() && (result.unchanged() || last.get().fingerprint().equals(result.fingerprint()))) {
                return new GenerationRun.Unchanged(key, name, last.get().fingerprint(), last.get().storedAt());
            }
            if (result.unchanged()) {
                // The source says "unchanged" although we passed no fingerprint (forced, or the store lost it): its
                // contract allows that only when we pass one, so it is asked to say what it holds.
                throw new SourceFailedException(name, key, new IllegalStateException(
                        "it answered unchanged although no previous fingerprint was given"));
            }
            ImportReport report = registry.importGenerated(key, result, name, ImportOptions.defaults());
            Instant now = clock.instant();
            if (result.fingerprint() != null && !result.fingerprint().isBlank()) {
                fingerprints.store(key, new Fingerprints.Stored(name, result.fingerprint(), now));
            }
            return new GenerationRun.Generated(key, name, result.fingerprint(), report, Duration.ofNanos(System.nanoTime() - start));
        } finally {
            lock.unlock();
        }
    }

    private static GenerationResult generate(ModelSource source, String name, SourceRef ref, Optional<String> previous) {
        GenerationResult result;
        try {
            result = source.generate(ref, previous);
        } catch (ModelSourceException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new SourceFailedException(name, ref.text(), e);
        }
        if (result == null) {
            throw new SourceFailedException(name, ref.text(), new IllegalStateException("it returned no result"));
        }
        return result;
    }

    /** Why a {@code file} ref found no source, when the path is the reason. */
    private static String hint(SourceRef ref) {
        if (!"file".equals(ref.type())) {
            return "no source supports type '" + ref.type() + "'";
        }
        Path path = Path.of(ref.location());
        if (!Files.exists(path)) {
            return "nothing at " + path + ": no such file or directory";
        }
        return "expected a model package folder, a .json/.yaml file, a .tar.gz/.tgz/.tar/.zip archive, an OCI image layout "
                + "or CSV sheets";
    }
}
