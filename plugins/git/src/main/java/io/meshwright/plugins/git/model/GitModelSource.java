package io.meshwright.plugins.git.model;

import io.meshwright.plugins.git.repo.GitException;
import io.meshwright.plugins.git.repo.GitLocation;
import io.meshwright.plugins.git.repo.GitRepositories;
import io.meshwright.plugins.git.repo.Snapshot;
import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import io.meshwright.spi.extension.GenerationResult;
import io.meshwright.spi.extension.ModelSource;
import io.meshwright.spi.extension.ModelSourceException;
import io.meshwright.spi.extension.PluginContext;
import io.meshwright.spi.model.Model;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.SourceFile;
import io.meshwright.spi.model.SourceRef;
import io.meshwright.plugins.git.chart.ChartFolders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.pf4j.Extension;

/**
 * Models from a Git repository folder at a ref ({@code git:URL#ref=…&path=…}): files in the registry's import
 * formats (model packages, model/component/relationship/bundle documents) are handed over as they are, and raw
 * CRD files become one model per CRD group. The fingerprint is the commit SHA, so an unchanged commit costs one
 * fetch and nothing else.
 */
@Extension
public final class GitModelSource implements ModelSource {

    private final GitRepositories repositories;
    private final Supplier<List<ModelSource>> sources;
    private final Path chartsDir;

    /** The constructor the engine uses. */
    public GitModelSource(PluginContext context) {
        this(new GitRepositories(context.workDir().resolve("repositories"), context.secrets()), context.modelSources(),
                context.workDir().resolve("chart-models"));
    }

    /** A source that reads no charts (no other model source is reachable). */
    public GitModelSource(GitRepositories repositories) {
        this(repositories, List::of, null);
    }

    /**
     * @param sources   the installed model sources, one of which may support chart directories ({@code helm:DIR})
     * @param chartsDir where charts are written out for the time of a generation
     */
    public GitModelSource(GitRepositories repositories, Supplier<List<ModelSource>> sources, Path chartsDir) {
        this.repositories = repositories;
        this.sources = sources;
        this.chartsDir = chartsDir;
    }

    @Override
    public String name() {
        return "git";
    }

    @Override
    public boolean supports(SourceRef ref) {
        return ref != null && "git".equals(ref.type());
    }

    @Override
    public GenerationResult generate(SourceRef ref, Optional<String> previousFingerprint) {
        Snapshot snapshot;
        try {
            snapshot = repositories.read(GitLocation.of(ref));
        } catch (IllegalArgumentException | GitException e) {
            throw new ModelSourceException(ref, e.getMessage(), e);
        }
        if (previousFingerprint.isPresent() && previousFingerprint.get().equals(snapshot.commit())) {
            return GenerationResult.unchanged(snapshot.commit());
        }
        List<Problem> problems = new ArrayList<>();
        List<SourceFile> files = new ArrayList<>();
        List<ModelBundle> models = new ArrayList<>();
        List<String> charts = ChartFolders.of(snapshot);
        for (String chart : charts) {
            GenerationResult fromChart = chartModels(ref, snapshot, chart);
            models.addAll(fromChart.models());
            problems.addAll(fromChart.problems());
            files.addAll(fromChart.files());
        }
        Map<String, List<Map<String, Object>>> crdsByGroup = new LinkedHashMap<>();
        snapshot.files().forEach((path, content) -> {
            if (charts.stream().anyMatch(chart -> ChartFolders.contains(chart, path))) {
                return; // a chart's templates are not manifests; its models came from the chart source
            }
            String source = snapshot.describe(path);
            switch (RepositoryFile.classify(content)) {
                case RepositoryFile.ImportFormat f -> files.add(new SourceFile(path, source, content));
                case RepositoryFile.Manifests m -> m.crds().forEach(crd ->
                        crdsByGroup.computeIfAbsent(CrdModels.group(crd), g -> new ArrayList<>()).add(crd));
                case RepositoryFile.Unreadable u -> problems.add(Problem.warning("git.file.unreadable",
                        source + " is not valid YAML or JSON (" + u.reason() + "); skipped", Location.of(source)));
            }
        });
        crdsByGroup.forEach((group, crds) -> {
            if (group == null) {
                crds.forEach(crd -> problems.add(Problem.warning("git.crd.unreadable", "a CRD in " + snapshot.location().safeUrl()
                        + " has no spec.group; skipped", Location.of(snapshot.location().safeUrl()))));
            } else {
                models.add(CrdModels.bundle(group, crds, ref.text().replace(snapshot.location().url(),
                        snapshot.location().safeUrl()), snapshot.commit(), problems));
            }
        });
        return new GenerationResult(snapshot.commit(), false, models, problems, files);
    }

    /**
     * The chart's temporary folder is gone once generation ends: a model recording it as its source records where
     * in the repository, at which commit, the chart came from instead.
     */
    private static ModelBundle withSource(ModelBundle bundle, Path chartDir, String provenance) {
        Object recorded = bundle.model().metadata().get("source_uri");
        if (recorded == null || !String.valueOf(recorded).contains(chartDir.toAbsolutePath().toString())) {
            return bundle;
        }
        Map<String, Object> metadata = new LinkedHashMap<>(bundle.model().metadata());
        metadata.put("source_uri", provenance);
        Model model = bundle.model();
        return new ModelBundle(new Model(model.name(), model.version(), model.upstreamVersion(), model.displayName(),
                model.category(), model.registrant(), model.status(), metadata), bundle.components(), bundle.relationships());
    }

    /**
     * Hands chart folder {@code chart} to whichever installed model source supports chart directories, from a
     * temporary copy of the commit's files that is removed afterwards.
     */
    private GenerationResult chartModels(SourceRef ref, Snapshot snapshot, String chart) {
        String where = snapshot.location().safeUrl() + "@" + snapshot.commit().substring(0, 7) + ":"
                + ChartFolders.repositoryPath(snapshot, chart);
        if (chartsDir == null) {
            throw new ModelSourceException(ref, "chart folder " + where + " holds a Helm chart, and this Git source"
                    + " reaches no other model source to read it", null);
        }
        Path dir = chartsDir.resolve(UUID.randomUUID().toString());
        String name = chart.isEmpty() ? "chart" : chart.substring(chart.lastIndexOf('/') + 1);
        try {
            Path chartDir = ChartFolders.write(repositories, snapshot, chart, dir.resolve(name));
            SourceRef chartRef = SourceRef.of(ChartFolders.CHART_TYPE, chartDir.toAbsolutePath().toString());
            ModelSource source = sources.get().stream()
                    .filter(candidate -> candidate != this && !(candidate instanceof GitModelSource))
                    .filter(candidate -> candidate.supports(chartRef))
                    .findFirst()
                    .orElseThrow(() -> new ModelSourceException(ref, "chart folder " + where + " holds a Helm chart,"
                            + " but no installed model source supports charts (install the Helm plugin)", null));
            try {
                GenerationResult result = source.generate(chartRef, Optional.empty());
                String provenance = "git:" + snapshot.location().safeUrl() + "#path="
                        + ChartFolders.repositoryPath(snapshot, chart) + "&ref=" + snapshot.commit();
                return new GenerationResult(result.fingerprint(), false, result.models().stream()
                        .map(bundle -> withSource(bundle, chartDir, provenance)).toList(), result.problems(), result.files());
            } catch (ModelSourceException e) {
                throw new ModelSourceException(ref, "chart folder " + where + ": " + e.getMessage(), e);
            }
        } catch (GitException e) {
            throw new ModelSourceException(ref, e.getMessage(), e);
        } finally {
            ChartFolders.delete(dir);
        }
    }
}
