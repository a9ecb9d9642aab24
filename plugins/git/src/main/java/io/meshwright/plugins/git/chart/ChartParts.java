package io.meshwright.plugins.git.chart;

import io.meshwright.plugins.git.repo.GitRepositories;
import io.meshwright.plugins.git.repo.Snapshot;
import io.meshwright.spi.deploy.DeploymentPart;
import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.extension.Deployer;
import io.meshwright.spi.model.SourceRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Git parts that are Helm charts: which folder is the chart, where its files are written out, and which installed
 * deployer takes it. A chart stays written out under {@code chartsDir/COMMIT/…}, so an upgrade or undeploy of the
 * same commit finds it again.
 */
public final class ChartParts {

    /** The source option naming a chart folder below the part's path. */
    public static final String CHART_OPTION = "chart";
    /** Options of a Git part that mean the same to a chart deployer. */
    private static final List<String> PASSED_OPTIONS = List.of("atomic", "disableOpenApiValidation", "timeout");

    private final GitRepositories repositories;
    private final Supplier<List<Deployer>> deployers;
    private final Path chartsDir;

    public ChartParts(GitRepositories repositories, Supplier<List<Deployer>> deployers, Path chartsDir) {
        this.repositories = repositories;
        this.deployers = deployers;
        this.chartsDir = chartsDir;
    }

    /** A chart part: the chart's folder relative to the part's path ({@code ""} for the path itself). */
    public record Chart(String folder, String repositoryPath) {}

    /**
     * The chart {@code part} deploys: the {@code chart} option's folder, else the part's path when it holds a
     * {@code Chart.yaml}; empty for a folder of manifests.
     *
     * @throws IllegalArgumentException when the {@code chart} option names a folder without a {@code Chart.yaml}
     */
    public static Optional<Chart> of(DeploymentPart part, Snapshot snapshot) {
        String option = part.component().source().options().get(CHART_OPTION);
        if (option != null && !option.isBlank()) {
            String folder = option.strip().replaceAll("^/+|/+$", "");
            String chartYaml = folder.isEmpty() ? "Chart.yaml" : folder + "/Chart.yaml";
            if (!snapshot.files().containsKey(chartYaml)) {
                throw new IllegalArgumentException("option chart: " + folder + " has no Chart.yaml in "
                        + snapshot.describe(folder));
            }
            return Optional.of(new Chart(folder, ChartFolders.repositoryPath(snapshot, folder)));
        }
        return snapshot.files().containsKey("Chart.yaml")
                ? Optional.of(new Chart("", ChartFolders.repositoryPath(snapshot, ""))) : Optional.empty();
    }

    /** The part as a chart deployer takes it: same id, name and values; source {@code helm:DIR}. */
    public DeploymentPart delegated(DeploymentPart part, Snapshot snapshot, Chart chart) {
        Path dir = written(snapshot, chart);
        ComponentDeclaration component = part.component();
        Map<String, String> options = new LinkedHashMap<>();
        PASSED_OPTIONS.forEach(name -> {
            String value = component.source().options().get(name);
            if (value != null) {
                options.put(name, value);
            }
        });
        SourceRef source = new SourceRef(ChartFolders.CHART_TYPE, dir.toAbsolutePath().toString(), null, null, options);
        ComponentDeclaration asChart = new ComponentDeclaration(component.id(), component.name(), component.model(),
                component.gvk(), component.namespace(), component.configuration(), component.dependsOn(),
                component.annotation(), source, component.location());
        return new DeploymentPart(part.deploymentId(), asChart, part.defaultNamespace());
    }

    /** The installed deployer (not a Git one) that supports {@code part}'s chart. */
    public Optional<Deployer> deployerFor(DeploymentPart chartPart, Deployer self) {
        return deployers.get().stream()
                .filter(deployer -> deployer != self && !deployer.getClass().equals(self.getClass()))
                .filter(deployer -> deployer.supports(chartPart.component()))
                .findFirst();
    }

    /** The chart's files at the commit, written once per commit and folder and kept for later runs. */
    private Path written(Snapshot snapshot, Chart chart) {
        String key = hash(snapshot.location().url() + "\n" + chart.repositoryPath());
        String name = chart.repositoryPath().equals("/") ? "chart"
                : chart.repositoryPath().substring(chart.repositoryPath().lastIndexOf('/') + 1);
        Path dir = chartsDir.resolve(snapshot.commit()).resolve(key).resolve(name);
        if (Files.isRegularFile(dir.resolve("Chart.yaml"))) {
            return dir;
        }
        // Written beside and moved in place, so a half-written chart is never taken for a whole one.
        Path partial = dir.resolveSibling(name + ".partial-" + System.nanoTime());
        try {
            ChartFolders.write(repositories, snapshot, chart.folder(), partial);
            Files.move(partial, dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            ChartFolders.delete(partial); // another deploy of the same commit wrote it first
        } catch (java.io.IOException e) {
            ChartFolders.delete(partial);
            throw new java.io.UncheckedIOException("cannot keep chart " + chart.repositoryPath() + " under " + dir, e);
        }
        return dir;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
