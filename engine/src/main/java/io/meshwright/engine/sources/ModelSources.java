package io.meshwright.engine.sources;

import io.meshwright.engine.registry.ImportLimits;
import io.meshwright.engine.registry.Registry;
import io.meshwright.spi.extension.ModelSource;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.SourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every installed {@link ModelSource}: the built-in ones, then every loaded plugin's, each asked the same way
 * whether it {@code supports} a ref. The first that does is used, so a built-in form (a path, a URL,
 * {@code cluster}) is always read by the built-in source, and a plugin's source serves the types the built-ins do
 * not know ({@code helm:}, {@code git:}, …). Plugins are looked up at each call, so a {@code plugins reload}
 * takes effect at once.
 */
public final class ModelSources {

    private static final Logger LOG = LoggerFactory.getLogger(ModelSources.class);

    /** One installed source: its name and where it comes from ({@code built-in} or {@code plugin}). */
    public record Installed(String name, String origin) {}

    private final List<ModelSource> builtIns;
    private final Supplier<List<ModelSource>> plugins;

    public ModelSources(List<ModelSource> builtIns, Supplier<List<ModelSource>> plugins) {
        this.builtIns = List.copyOf(builtIns);
        this.plugins = plugins;
    }

    /**
     * The built-in sources, in the order they are asked: the target cluster, URLs, OCI image layouts, CSV sheets,
     * archives, single definition files, package folders.
     *
     * @param clusterModels generates the target cluster's models
     */
    public static List<ModelSource> builtIns(Registry registry, ImportLimits limits, Supplier<List<ModelBundle>> clusterModels) {
        LocalFiles files = new LocalFiles(registry, limits);
        return List.of(new ClusterSource(clusterModels), new UrlSource(files), new OciLayoutSource(files),
                new SpreadsheetSource(files), new ArchiveSource(files), new DocumentSource(files),
                new PackageDirectorySource(files));
    }

    /** The first source, built-ins first, that supports {@code ref}. */
    public Optional<ModelSource> find(SourceRef ref) {
        for (ModelSource source : all()) {
            if (supports(source, ref)) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }

    /** Every installed source by name and origin, built-ins first. */
    public List<Installed> installed() {
        List<Installed> installed = new ArrayList<>();
        builtIns.forEach(source -> installed.add(new Installed(source.name(), "built-in")));
        plugins.get().forEach(source -> installed.add(new Installed(name(source), "plugin")));
        return installed;
    }

    private List<ModelSource> all() {
        List<ModelSource> all = new ArrayList<>(builtIns);
        all.addAll(plugins.get());
        return all;
    }

    /** A plugin whose {@code supports} throws is taken not to support the ref, and the others are still asked. */
    private static boolean supports(ModelSource source, SourceRef ref) {
        try {
            return source.supports(ref);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("model source {} failed to answer supports({}): {}", source.getClass().getName(), ref.text(), e.toString());
            return false;
        }
    }

    static String name(ModelSource source) {
        try {
            return source.name();
        } catch (RuntimeException | LinkageError e) {
            return source.getClass().getName();
        }
    }
}
