package io.meshwright.plugins.helm.model;

import io.meshwright.plugins.helm.chart.ChartException;
import io.meshwright.plugins.helm.chart.ChartFiles;
import io.meshwright.plugins.helm.chart.ChartRepository;
import io.meshwright.plugins.helm.chart.ChartSource;
import io.meshwright.plugins.helm.chart.ChartSources;
import io.meshwright.plugins.helm.chart.HelmCalls;
import io.meshwright.plugins.helm.chart.ResolvedChart;
import io.meshwright.plugins.helm.chart.Yaml;
import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import io.meshwright.spi.extension.GenerationResult;
import io.meshwright.spi.extension.ModelSource;
import io.meshwright.spi.extension.ModelSourceException;
import io.meshwright.spi.extension.PluginContext;
import io.meshwright.spi.extension.RegistryView;
import io.meshwright.spi.model.Model;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.ModelRef;
import io.meshwright.spi.model.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Models from Helm charts ({@code model generate --from helm:REF}): a chart directory, a {@code .tgz}, one chart
 * of a repository, every chart version of a repository, an OCI reference, or a CSV list of any of these.
 *
 * <p>Incremental: a source whose fingerprint (chart content digest, or the repository index's digest) equals the
 * previous run's is skipped as a whole; within a repository, a chart version whose model is already registered
 * with the same digest is skipped, and a new version becomes a new model version beside the old.
 */
@Extension
public final class HelmModelSource implements ModelSource {

    private final RegistryView registry;
    private final ChartRepository repository;
    private final HelmCalls helm = new HelmCalls();

    public HelmModelSource(PluginContext context) {
        this(context.registry(), new ChartRepository(context.workDir().resolve("charts"), context.fetcher()));
    }

    public HelmModelSource(RegistryView registry, ChartRepository repository) {
        this.registry = registry;
        this.repository = repository;
    }

    @Override
    public String name() {
        return "helm";
    }

    @Override
    public boolean supports(SourceRef ref) {
        return ChartSources.TYPE.equals(ref.type());
    }

    @Override
    public GenerationResult generate(SourceRef ref, Optional<String> previousFingerprint) {
        ChartSource source;
        try {
            source = ChartSources.parse(ref);
        } catch (IllegalArgumentException e) {
            throw new ModelSourceException(ref, e.getMessage(), e);
        }
        try {
            return switch (source) {
                case ChartSource.WholeRepository whole -> wholeRepository(whole, previousFingerprint);
                case ChartSource.Batch batch -> batch(ref, batch, previousFingerprint);
                // Pulled into the cache through the engine's fetcher, then read like any local archive.
                case ChartSource.Oci oci -> local(oci, null, previousFingerprint);
                case ChartSource.FromRepository one -> {
                    ChartRepository.Entry entry = repository.find(one.repository(), one.chart(), one.version());
                    yield local(new ChartSource.FromRepository(one.repository(), one.chart(), entry.version()),
                            entry.fingerprint(), previousFingerprint);
                }
                case ChartSource.Local local -> local(local, null, previousFingerprint);
            };
        } catch (ChartException | HelmCalls.HelmException e) {
            throw new ModelSourceException(ref, e.getMessage(), e);
        }
    }

    /** A chart on this machine (or fetched from its repository or OCI registry into the cache). */
    private GenerationResult local(ChartSource source, String knownFingerprint, Optional<String> previous) {
        if (knownFingerprint != null && previous.filter(knownFingerprint::equals).isPresent()) {
            return GenerationResult.unchanged(knownFingerprint);
        }
        ResolvedChart chart = ResolvedChart.resolve(source, repository);
        ChartFiles files = ChartFiles.read(chart.local());
        String fingerprint = knownFingerprint != null ? knownFingerprint : files.fingerprint();
        if (previous.filter(fingerprint::equals).isPresent()) {
            return GenerationResult.unchanged(fingerprint);
        }
        List<Problem> problems = new ArrayList<>();
        ModelBundle bundle = ChartModels.bundle(chartOf(chart, files, fingerprint, problems), problems);
        return new GenerationResult(fingerprint, false, List.of(bundle), problems);
    }

    private ChartModels.Chart chartOf(ResolvedChart chart, ChartFiles files, String fingerprint, List<Problem> problems) {
        Map<String, Object> chartYaml = Yaml.map(files.text("Chart.yaml"), chart.source() + " Chart.yaml");
        Map<String, Object> values = files.has("values.yaml") ? Yaml.map(files.text("values.yaml"), chart.source() + " values.yaml") : Map.of();
        List<Map<String, Object>> crds = new ArrayList<>(helm.crds(chart));
        crds.addAll(renderedCrds(chart, problems));
        return new ChartModels.Chart(chartYaml, values, files.text("values.schema.json"), crds, chart.source(), fingerprint);
    }

    /** CRDs the templates render with the chart's default values (real charts ship CRDs both ways). */
    private List<Map<String, Object>> renderedCrds(ResolvedChart chart, List<Problem> problems) {
        try {
            return Yaml.documents(helm.template(chart, "model", "default", null)).stream()
                    .filter(o -> "CustomResourceDefinition".equals(o.get("kind"))).toList();
        } catch (HelmCalls.HelmException e) {
            problems.add(Problem.warning("helm.template", "the templates of " + chart.source() + " do not render with"
                    + " their default values, so CRDs they would render are not in the model: " + e.getMessage(),
                    Location.of(chart.source())));
            return List.of();
        }
    }

    /** Every chart version of a repository; versions already registered with the same digest are skipped. */
    private GenerationResult wholeRepository(ChartSource.WholeRepository whole, Optional<String> previous) {
        String index = repository.indexText(whole.repository());
        String fingerprint = "sha256:" + sha256(index);
        if (previous.filter(fingerprint::equals).isPresent()) {
            return GenerationResult.unchanged(fingerprint);
        }
        List<ModelBundle> models = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (ChartRepository.Entry entry : repository.entries(whole.repository(), index)) {
            if (registered(entry)) {
                continue;
            }
            try {
                GenerationResult one = local(new ChartSource.FromRepository(whole.repository(), entry.name(), entry.version()),
                        entry.fingerprint(), Optional.empty());
                models.addAll(one.models());
                problems.addAll(one.problems());
            } catch (ChartException | HelmCalls.HelmException e) {
                problems.add(Problem.error("helm.chart", entry.name() + " " + entry.version() + ": " + e.getMessage(),
                        Location.of(whole.repository().toString())));
            }
        }
        return new GenerationResult(fingerprint, false, models, problems);
    }

    private boolean registered(ChartRepository.Entry entry) {
        if (registry == null) {
            return false;
        }
        Optional<Model> model = registry.model(new ModelRef(entry.name(), entry.version()));
        return model.isPresent() && entry.fingerprint().equals(String.valueOf(model.get().metadata().get("fingerprint")));
    }

    /** A CSV of charts, one per row ({@code location[,chart[,version]]}, {@code #} starts a comment). */
    private GenerationResult batch(SourceRef ref, ChartSource.Batch batch, Optional<String> previous) {
        List<String> rows;
        try {
            rows = Files.readAllLines(batch.csv(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelSourceException(ref, "cannot read " + batch.csv() + ": " + e.getMessage(), e);
        }
        List<ModelBundle> models = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        StringBuilder fingerprints = new StringBuilder();
        for (int line = 1; line <= rows.size(); line++) {
            String row = rows.get(line - 1).strip();
            if (row.isEmpty() || row.startsWith("#") || (line == 1 && row.toLowerCase().startsWith("location"))) {
                continue;
            }
            String[] cells = row.split(",", -1);
            SourceRef one = new SourceRef(ChartSources.TYPE, cells[0].strip(), cells.length > 2 ? cells[2].strip() : null, null,
                    cells.length > 1 && !cells[1].isBlank() ? Map.of("chart", cells[1].strip()) : Map.of());
            try {
                GenerationResult result = generate(one, Optional.empty());
                fingerprints.append(result.fingerprint()).append('\n');
                models.addAll(result.models());
                problems.addAll(result.problems());
            } catch (ModelSourceException e) {
                problems.add(Problem.error("helm.batch", e.getMessage(), new Location(batch.csv().toString(), line, 1, null)));
            }
        }
        String fingerprint = "sha256:" + sha256(fingerprints.toString());
        if (previous.filter(fingerprint::equals).isPresent()) {
            return GenerationResult.unchanged(fingerprint);
        }
        return new GenerationResult(fingerprint, false, models, problems);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
