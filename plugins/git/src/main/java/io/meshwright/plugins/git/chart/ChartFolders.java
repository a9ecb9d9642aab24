package io.meshwright.plugins.git.chart;

import io.meshwright.plugins.git.repo.GitException;
import io.meshwright.plugins.git.repo.GitLocation;
import io.meshwright.plugins.git.repo.GitRepositories;
import io.meshwright.plugins.git.repo.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Helm charts inside a repository folder: a folder holding a {@code Chart.yaml} is a chart (its sub-charts under
 * {@code charts/} belong to it). A chart is written out from the commit's tree (never a checkout), with every file
 * of its folder, not only the YAML the snapshot selected ({@code _helpers.tpl}, {@code .helmignore}, …), so a tool
 * that takes chart directories can read it.
 */
public final class ChartFolders {

    /** The source type a chart directory has ({@code helm:/abs/dir}): what a chart-capable plugin supports. */
    public static final String CHART_TYPE = "helm";

    private ChartFolders() {}

    /** The topmost folders of {@code snapshot} (relative to its folder; {@code ""} for itself) that are charts. */
    public static List<String> of(Snapshot snapshot) {
        List<String> folders = new ArrayList<>();
        for (String file : snapshot.files().keySet()) {
            if (file.equals("Chart.yaml") || file.endsWith("/Chart.yaml")) {
                String folder = file.equals("Chart.yaml") ? "" : file.substring(0, file.length() - "/Chart.yaml".length());
                if (folders.stream().noneMatch(outer -> contains(outer, folder))) {
                    folders.removeIf(inner -> contains(folder, inner));
                    folders.add(folder);
                }
            }
        }
        return List.copyOf(folders);
    }

    /** Whether {@code relative} (a file or folder) lies in chart folder {@code folder}. */
    public static boolean contains(String folder, String relative) {
        return folder.isEmpty() || relative.equals(folder) || relative.startsWith(folder + "/");
    }

    /** The repository path of {@code folder} (relative to the snapshot's folder), as users see it. */
    public static String repositoryPath(Snapshot snapshot, String folder) {
        String base = snapshot.location().path();
        String full = base.isEmpty() ? folder : folder.isEmpty() ? base : base + "/" + folder;
        return full.isEmpty() ? "/" : full;
    }

    /**
     * Writes chart {@code folder} of {@code snapshot}'s commit into {@code target} (created; existing content kept).
     *
     * @return {@code target}
     * @throws GitException when the commit cannot be read
     */
    public static Path write(GitRepositories repositories, Snapshot snapshot, String folder, Path target) {
        GitLocation at = snapshot.location();
        String path = at.path().isEmpty() ? folder : folder.isEmpty() ? at.path() : at.path() + "/" + folder;
        // The commit SHA is held already: reading it again costs no fetch.
        Snapshot chart = repositories.read(new GitLocation(at.url(), snapshot.commit(), path, List.of("**"), List.of(),
                at.credentials()));
        try {
            for (var file : chart.files().entrySet()) {
                Path out = target.resolve(file.getKey()).normalize();
                if (!out.startsWith(target)) {
                    continue; // a tree path never climbs out, but a written file must not either
                }
                Files.createDirectories(out.getParent());
                Files.write(out, file.getValue());
            }
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + repositoryPath(snapshot, folder) + " to " + target, e);
        }
        return target;
    }

    /** Removes {@code dir} and everything in it; what cannot be removed is left for the next run. */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary chart left behind is harmless and lies under the plugin's work dir
        }
    }
}
